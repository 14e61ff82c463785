// "Recently used" apps on the portal, newest first, kept per user in localStorage.

export const MAX_RECENT = 8;

export function pushRecent(list: readonly string[], appId: string, max = MAX_RECENT): string[] {
  return [appId, ...list.filter((id) => id !== appId)].slice(0, max);
}

function key(userCode: string): string {
  return `tsumiki.recentApps.${userCode}`;
}

export function readRecent(userCode: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(userCode)) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function rememberApp(userCode: string, appId: string): void {
  try {
    localStorage.setItem(key(userCode), JSON.stringify(pushRecent(readRecent(userCode), appId)));
  } catch {
    // storage unavailable: recent list is a convenience only
  }
}
