// A reserved place in the navigation for screens that arrive with their own features.
import { Notice, PageHeader } from '../ui/ui';

export default function ComingSoon({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-3xl p-6">
      <PageHeader title={what} />
      <Notice title={`${what} are coming`}>
        This screen arrives together with the server features it needs. Meanwhile, ask Penny in the chat — she can already answer from your connected data.
      </Notice>
    </div>
  );
}
