// Loading, empty and error states with stable sizes so the page does not jump.
import { Alert, Button, Empty, Spin } from "antd";
import type { ReactNode } from "react";
import { isApiError, ErrorCodes } from "../api/errors";
import { useI18n } from "../app/I18nProvider";

export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="page-state" role="status" aria-live="polite">
      <Spin />
      <span>{label ?? t("common.loading")}</span>
    </div>
  );
}

export function EmptyState({ message, action }: { message: string; action?: ReactNode }) {
  return (
    <div className="page-state">
      <Empty description={message}>{action}</Empty>
    </div>
  );
}

export function errorMessage(error: unknown, networkText: string): string {
  if (isApiError(error, ErrorCodes.network)) return networkText;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const id = isApiError(error) && error.id ? t("common.errorId", { id: error.id }) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t("common.errorTitle")}
      description={
        <>
          <div>{errorMessage(error, t("common.networkError"))}</div>
          {id && <div className="error-id">{id}</div>}
        </>
      }
      action={onRetry && <Button onClick={onRetry}>{t("common.retry")}</Button>}
    />
  );
}
