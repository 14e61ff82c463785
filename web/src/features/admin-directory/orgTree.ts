// The organisation tree from the flat /v1/organizations.json list (each names its parent by
// code). Pure; tolerant of what a hand-edited directory may hold: an unknown parent makes a
// root, and a loop is cut where it would close instead of recursing forever.

export interface OrgLike {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface OrgTreeNode<T extends OrgLike = OrgLike> {
  org: T;
  children: OrgTreeNode<T>[];
}

/** Roots and children in the list's order (the server's sort order). */
export function buildOrgTree<T extends OrgLike>(orgs: readonly T[]): OrgTreeNode<T>[] {
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const o of orgs) {
    if (o.parentCode && byCode.has(o.parentCode) && o.parentCode !== o.code && !closesLoop(byCode, o)) {
      const list = children.get(o.parentCode) ?? [];
      list.push(o);
      children.set(o.parentCode, list);
    } else {
      roots.push(o);
    }
  }
  const grow = (o: T): OrgTreeNode<T> => ({ org: o, children: (children.get(o.code) ?? []).map(grow) });
  return roots.map(grow);
}

// Whether following parents from `o` comes back to `o`; the member of a loop whose code sorts
// first becomes a root so exactly one link of the loop is cut.
function closesLoop<T extends OrgLike>(byCode: Map<string, T>, o: T): boolean {
  const seen = new Set<string>([o.code]);
  let at = o.parentCode ? byCode.get(o.parentCode) : undefined;
  const loop: string[] = [o.code];
  while (at) {
    if (at.code === o.code) return loop.every((c) => o.code <= c);
    if (seen.has(at.code)) return false;
    seen.add(at.code);
    loop.push(at.code);
    at = at.parentCode ? byCode.get(at.parentCode) : undefined;
  }
  return false;
}

/** `code` and every organisation below it: the places it cannot be moved under. */
export function selfAndDescendants(orgs: readonly OrgLike[], code: string): Set<string> {
  const out = new Set<string>([code]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of orgs) {
      if (o.parentCode && out.has(o.parentCode) && !out.has(o.code)) {
        out.add(o.code);
        grew = true;
      }
    }
  }
  return out;
}

/** "本庁 / 総務部 / 情報政策課": names from the root down, for pickers and lists. */
export function orgPath(orgs: readonly OrgLike[], code: string, separator = " / "): string {
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let at = byCode.get(code); at && !seen.has(at.code); at = at.parentCode ? byCode.get(at.parentCode) : undefined) {
    seen.add(at.code);
    names.unshift(at.name);
  }
  return names.join(separator);
}
