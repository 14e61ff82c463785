// What an edit of a user's organisations and groups sends, and the list search. Pure.
// PUT userOrganizations.json replaces the whole list, so titles not given are carried over for
// the organisations that stay; nothing is sent when nothing changed.
import type { MembershipList } from "./directoryApi";

export interface CurrentMembership {
  orgCode: string;
  titleCode: string | null;
}

/**
 * The body for PUT userOrganizations.json, or null when `selected` (in the order picked),
 * `primary` and `titles` leave the user's organisations as they are. A primary outside the
 * selection is dropped so the server picks the first one. `titles` holds the title code typed
 * per organisation ("" = none; the server creates a title on first use); an organisation
 * missing from it keeps its current title.
 */
export function membershipChange(
  current: readonly CurrentMembership[],
  currentPrimary: string | null,
  selected: readonly string[],
  primary: string | null,
  titles: Readonly<Record<string, string>> = {},
): MembershipList | null {
  const unique = [...new Set(selected)];
  const chosenPrimary = primary && unique.includes(primary) ? primary : null;
  const held = new Map(current.map((m) => [m.orgCode, m.titleCode]));
  const titleOf = (orgCode: string) => {
    const typed = titles[orgCode];
    return (typed === undefined ? held.get(orgCode) ?? "" : typed.trim()) || null;
  };
  const sameList = unique.length === current.length && unique.every((code) => held.has(code) && (held.get(code) ?? null) === titleOf(code));
  const samePrimary = chosenPrimary === null ? unique.length === 0 || (currentPrimary !== null && unique.includes(currentPrimary)) : chosenPrimary === currentPrimary;
  if (sameList && samePrimary) return null;
  return {
    organizations: unique.map((orgCode) => {
      const titleCode = titleOf(orgCode);
      return titleCode ? { orgCode, titleCode } : { orgCode };
    }),
    ...(chosenPrimary ? { primaryOrganization: chosenPrimary } : {}),
  };
}

/** The group codes to send, or null when the set is unchanged (order does not matter). */
export function groupChange(current: readonly string[], selected: readonly string[]): string[] | null {
  const next = [...new Set(selected)];
  const same = next.length === new Set(current).size && next.every((code) => current.includes(code));
  return same ? null : next;
}

export interface SearchableUser {
  code: string;
  name: string;
  email: string;
}

/**
 * Users whose code, name, e-mail or organisation name holds every word of `query`
 * (case- and width-insensitive, so "ｓａｔｏ" finds "sato").
 */
export function searchUsers<T extends SearchableUser>(users: readonly T[], query: string, organizationOf: (u: T) => string = () => ""): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...users];
  return users.filter((u) => {
    const text = fold([u.code, u.name, u.email, organizationOf(u)].join(" "));
    return words.every((w) => text.includes(w));
  });
}

function fold(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}
