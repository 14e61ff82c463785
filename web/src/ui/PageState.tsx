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

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  onClose?: () => void;
  /** A refused write: the server's message as the title and each field's message listed below,
   *  since the user fixes the input from them (directory screens). */
  fieldMessages?: boolean;
  /** What the user can do about it, shown under the message (e.g. a link to fix a view). */
  hint?: ReactNode;
  testId?: string;
}

/** An error with the id to quote to support; announced to screen readers when it appears. */
export function ErrorAlert({ error, onRetry, onClose, fieldMessages, hint, testId }: ErrorAlertProps) {
  const { t } = useI18n();
  const id = isApiError(error) && error.id ? t("common.errorId", { id: error.id }) : undefined;
  const message = errorMessage(error, t("common.networkError"));
  const details = fieldMessages && isApiError(error) && error.errors ? [...new Set(Object.values(error.errors).flatMap((e) => e.messages))] : [];
  const description = fieldMessages ? (
    details.length || id ? (
      <>
        {details.length ? <ul className="plain-list">{details.map((d) => <li key={d}>{d}</li>)}</ul> : null}
        {id ? <div className="error-id">{id}</div> : null}
      </>
    ) : undefined
  ) : (
    <>
      <div>{message}</div>
      {hint && <div style={{ marginTop: 8 }}>{hint}</div>}
      {id && <div className="error-id">{id}</div>}
    </>
  );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={fieldMessages ? message : t("common.errorTitle")}
      description={description}
      closable={onClose ? { onClose } : undefined}
      action={onRetry && <Button onClick={onRetry}>{t("common.retry")}</Button>}
      data-testid={testId}
      style={fieldMessages ? { marginBottom: 12 } : undefined}
    />
  );
}
