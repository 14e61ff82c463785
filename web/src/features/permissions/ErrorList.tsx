// The server's messages for one entry, shown next to it and announced.
export function ErrorList({ messages, testId }: { messages: string[] | undefined; testId?: string }) {
  if (!messages?.length) return null;
  return (
    <ul className="perm-errors" role="alert" data-testid={testId}>
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
