// A refused write as the server worded it: its message, each field message, and the error id
// to quote to support. Announced to screen readers when it appears.
import { Alert } from "antd";
import { isApiError } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { errorMessage } from "../../ui/PageState";

export function ApiErrorAlert({ error, onClose, testId }: { error: unknown; onClose?: () => void; testId?: string }) {
  const { t } = useI18n();
  const details = isApiError(error) && error.errors ? [...new Set(Object.values(error.errors).flatMap((e) => e.messages))] : [];
  const id = isApiError(error) && error.id ? t("common.errorId", { id: error.id }) : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      closable={onClose ? { onClose } : undefined}
      title={errorMessage(error, t("common.networkError"))}
      data-testid={testId}
      description={
        details.length || id ? (
          <>
            {details.length ? <ul className="plain-list">{details.map((d) => <li key={d}>{d}</li>)}</ul> : null}
            {id ? <div className="error-id">{id}</div> : null}
          </>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
