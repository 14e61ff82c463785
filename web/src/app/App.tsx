// Providers and routes. Paths avoid /k/ and /api/, which belong to the server.
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import jaJP from "antd/locale/ja_JP";
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from "react-router";
import type { ReactNode } from "react";
import { FormDesignerPage } from "../features/form-designer/FormDesignerPage";
import { PortalPage } from "../features/portal/PortalPage";
import { RecordListPage } from "../features/record-list/RecordListPage";
import { RecordPage } from "../features/record-form/RecordPage";
import { SignInPage } from "../features/sign-in/SignInPage";
import { LoadingState } from "../ui/PageState";
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
    children: [
      { index: true, element: <PortalPage /> },
      { path: "apps/:appId", element: <RecordListPage /> },
      { path: "apps/:appId/form", element: <FormDesignerPage /> },
      { path: "apps/:appId/records/new", element: <RecordPage /> },
      { path: "apps/:appId/records/:recordId", element: <RecordPage /> },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);

function LocalizedApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === "ja" ? jaJP : enUS} theme={theme} button={{ autoInsertSpace: false }}>
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
