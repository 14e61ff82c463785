// Providers and routes. Paths avoid /k/ and /api/, which belong to the server.
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import jaJP from "antd/locale/ja_JP";
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from "react-router";
import { useMemo, type ReactNode } from "react";
import { PortalPage } from "../features/portal/PortalPage";
import { SignInPage } from "../features/sign-in/SignInPage";
import { LoadingState } from "../ui/PageState";
import { RouteError } from "../ui/RouteError";
import { useReducedMotion } from "../ui/useReducedMotion";
import { AppShell } from "./AppShell";
import { I18nProvider, useI18n } from "./I18nProvider";
import { SessionProvider, useSession } from "./SessionProvider";
import { theme } from "./theme";

function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === "checking") return <LoadingState />;
  if (state.status === "signedOut") {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return children;
}

const router = createBrowserRouter([
  { path: "/login", element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [{
      // A screen that fails while rendering shows RouteError inside the frame.
      errorElement: <RouteError />,
      children: [
      { index: true, element: <PortalPage /> },
      // Screens load on first use so the sign-in page and portal come up fast.
      { path: "apps/:appId", lazy: async () => ({ Component: (await import("../features/record-list/RecordListPage")).RecordListPage }) },
      { path: "apps/:appId/permissions", lazy: async () => ({ Component: (await import("../features/permissions/PermissionsPage")).PermissionsPage }) },
      { path: "apps/:appId/import", lazy: async () => ({ Component: (await import("../features/record-import/ImportPage")).ImportPage }) },
      { path: "apps/:appId/public", lazy: async () => ({ Component: (await import("../features/public/PublicPagesPage")).PublicPagesPage }) },
      { path: "apps/:appId/form", lazy: async () => ({ Component: (await import("../features/form-designer/FormDesignerPage")).FormDesignerPage }) },
      { path: "apps/:appId/records/new", lazy: async () => ({ Component: (await import("../features/record-form/RecordPage")).RecordPage }) },
      { path: "apps/:appId/records/:recordId", lazy: async () => ({ Component: (await import("../features/record-form/RecordPage")).RecordPage }) },
      { path: "admin/mail", lazy: async () => ({ Component: (await import("../features/admin-mail/MailSettingsPage")).MailSettingsPage }) },
      { path: "admin/audit", lazy: async () => ({ Component: (await import("../features/admin-audit/AuditLogPage")).AuditLogPage }) },
      { path: "account", lazy: async () => ({ Component: (await import("../features/account/AccountPage")).AccountPage }) },
      ...["admin/users", "admin/organizations", "admin/groups", "admin/directory-file"].map((path) => ({
        path,
        lazy: async () => ({ Component: (await import("../features/admin-directory/DirectoryAdminPage")).DirectoryAdminPage }),
      })),
      { path: "*", element: <Navigate to="/" replace /> },
      ],
    }],
  },
]);

function LocalizedApp() {
  const { locale } = useI18n();
  const reducedMotion = useReducedMotion();
  const themed = useMemo(() => (reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme), [reducedMotion]);
  return (
    <ConfigProvider locale={locale === "ja" ? jaJP : enUS} theme={themed} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}
