// Holds the signed-in user and the API client bound to the session's CSRF token.
// On start it asks /api/session.json; a 401 anywhere later drops the session so the
// router sends the user to the sign-in page.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ApiClient } from "../api/client";
import { isApiError, ErrorCodes } from "../api/errors";
import { Transport } from "../api/http";
import type { Session } from "../api/types";
import { useI18n } from "./I18nProvider";

type SessionState = { status: "checking" } | { status: "signedOut" } | { status: "signedIn"; session: Session };

interface SessionValue {
  state: SessionState;
  api: ApiClient;
  signIn: (username: string, password: string, otp?: string) => Promise<void>;
  /** `everywhere`: end the user's sessions on every device, not just this one. */
  signOut: (everywhere?: boolean) => Promise<void>;
  /** Takes over a session the server issued (a password change replaces the session). */
  adopt: (session: Session) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { locale, bindUser } = useI18n();
  const [state, setState] = useState<SessionState>({ status: "checking" });
  const token = useRef<string | undefined>(undefined);
  const language = useRef(locale);
  language.current = locale;

  const api = useMemo(
    () =>
      new ApiClient(
        new Transport({
          csrfToken: () => token.current,
          language: () => language.current,
          onUnauthorized: () => {
            token.current = undefined;
            setState({ status: "signedOut" });
          },
        }),
      ),
    [],
  );

  const accept = useCallback(
    (session: Session) => {
      token.current = session.csrfToken;
      bindUser(session.user.code, session.user.locale);
      setState({ status: "signedIn", session });
    },
    [bindUser],
  );

  useEffect(() => {
    let cancelled = false;
    api.session().then(
      (session) => !cancelled && accept(session),
      (error: unknown) => {
        if (cancelled) return;
        if (!isApiError(error, ErrorCodes.notSignedIn)) console.warn("session check failed", error);
        setState({ status: "signedOut" });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, accept]);

  const signIn = useCallback(
    async (username: string, password: string, otp?: string) => accept(await api.login(username, password, otp)),
    [api, accept],
  );

  const signOut = useCallback(async (everywhere = false) => {
    try {
      await (everywhere ? api.logoutEverywhere() : api.logout());
    } finally {
      token.current = undefined;
      bindUser(undefined);
      setState({ status: "signedOut" });
    }
  }, [api, bindUser]);

  const value = useMemo(() => ({ state, api, signIn, signOut, adopt: accept }), [state, api, signIn, signOut, accept]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

export function useApi(): ApiClient {
  return useSession().api;
}
