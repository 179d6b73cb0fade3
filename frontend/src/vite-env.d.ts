/// <reference types="vite/client" />
declare module 'plotly.js-dist-min';
