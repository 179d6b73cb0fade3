import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Blocks } from './Blocks';

describe('pending change notes in messages', () => {
  it('a change the proposing tool streamed is still waiting for approval', () => {
    render(<Blocks blocks={[{ type: 'pending_change', status: 'pending', preview: 'Update deal amount' }]} />);
    expect(screen.getByText(/Waiting for approval/)).toBeTruthy();
    expect(screen.getByText('Update deal amount')).toBeTruthy();
  });

  it('the note the server posts after a decision shows the nested change status, not "waiting"', () => {
    render(<Blocks blocks={[
      { type: 'text', text: 'Change 1 is done' },
      { type: 'pending_change', change: { status: 'completed', preview: 'Update deal amount' } },
    ]} />);
    expect(screen.getByText('Change completed')).toBeTruthy();
    expect(screen.queryByText(/Waiting for approval/)).toBeNull();
  });
});
