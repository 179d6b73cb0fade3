// Who is in a conversation; the owner adds teammates or removes them (their access ends at once).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../lib/api';
import type { ConversationDetail, Member } from '../lib/types';
import { Button, Notice } from '../ui/ui';
import { Icon } from '../ui/icons';
import { addParticipant, removeParticipant } from './api';

export function Participants({ conversation, members, isOwner, onClose }: {
  conversation: ConversationDetail; members: Member[]; isOwner: boolean; onClose: () => void;
}) {
  const qc = useQueryClient();
  const [pick, setPick] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inIt = new Set([conversation.owner_id, ...(conversation.participants ?? []).map((p) => p.user_id)]);
  const candidates = members.filter((m) => m.status === 'active' && !inIt.has(m.user_id));
  const owner = members.find((m) => m.user_id === conversation.owner_id);
  const refresh = () => qc.invalidateQueries({ queryKey: ['conversation', conversation.id] });

  return (
    <div className="border-b border-line bg-raised/50 px-4 py-3 text-sm">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">People in this conversation</h2>
        <Button variant="ghost" onClick={onClose} aria-label="Close people"><Icon name="close" /></Button>
      </div>
      <ul className="mt-2 space-y-1">
        <li>{owner?.name || owner?.email || 'Owner'} <span className="text-muted">(owner)</span></li>
        {(conversation.participants ?? []).map((p) => (
          <li key={p.user_id} className="flex items-center justify-between gap-2">
            <span>{p.name || p.email}</span>
            {isOwner && (
              <Button
                variant="ghost"
                className="text-xs"
                onClick={async () => {
                  try {
                    await removeParticipant(conversation.id, p.user_id);
                    await refresh();
                  } catch (e) {
                    setError(errorMessage(e));
                  }
                }}
              >
                Remove
              </Button>
            )}
          </li>
        ))}
      </ul>
      {conversation.scope === 'private' && candidates.length > 0 && (
        <form
          className="mt-3 flex flex-wrap gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!pick) return;
            try {
              await addParticipant(conversation.id, pick);
              setPick('');
              await refresh();
            } catch (err) {
              setError(errorMessage(err));
            }
          }}
        >
          <label className="sr-only" htmlFor="add-participant">Add a teammate</label>
          <select id="add-participant" value={pick} onChange={(e) => setPick(e.target.value)} className="rounded-md border border-line bg-panel px-2 py-1">
            <option value="">Add a teammate…</option>
            {candidates.map((m) => (
              <option key={m.user_id} value={m.user_id}>{m.name || m.email}</option>
            ))}
          </select>
          <Button type="submit" disabled={!pick}>Add</Button>
        </form>
      )}
      {conversation.scope === 'shared' && <p className="mt-2 text-xs text-muted">Shared conversations are visible to everyone in the organization.</p>}
      {error && <div className="mt-2"><Notice kind="error">{error}</Notice></div>}
    </div>
  );
}
