/**
 * The data browser: read-only listing and detail of the synced tables (accounts, contacts, deals, activities,
 * meetings, issues, pull requests, files) under the caller's row-level security. Every SQL identifier comes from
 * the allow-list in {@link io.revtops.data.DataTables}; user input only ever reaches SQL as a bound parameter.
 */
package io.revtops.data;
