// Loads a public page's settings for its token and language, hands its look (title, colours,
// logo) to the frame, and words a failure for the resident. Shared by the form, look-up and
// dashboard pages.
import { useEffect, useState } from "react";
import type { PublicError, Look } from "./publicApi";
import type { Lang, Translate } from "./messages";

export function usePublicPage<P extends Look>(
  load: (token: string, lang: Lang) => Promise<P>,
  token: string,
  lang: Lang,
  t: Translate,
  onLook: (page: P | null) => void,
): { page: P | null; loadError: string | null } {
  const [page, setPage] = useState<P | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load(token, lang).then(
      (p) => {
        if (!live) return;
        setPage(p);
        onLook(p);
      },
      (e: PublicError) => live && setLoadError(e.status === 0 ? t("network") : e.message || t("notFound")),
    );
    return () => {
      live = false;
    };
  }, [load, token, lang, t, onLook]);
  return { page, loadError };
}
