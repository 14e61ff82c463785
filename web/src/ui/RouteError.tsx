// What a screen shows when its code fails while rendering: a plain explanation and a way
// on, inside the usual frame, instead of the router's developer page.
import { Button, Result } from "antd";
import { Link, useRouteError } from "react-router";
import { useI18n } from "../app/I18nProvider";

export function RouteError() {
  const { t } = useI18n();
  const error = useRouteError();
  console.error(error);
  return (
    <Result status="error" title={t("common.screenFailed")} subTitle={t("common.screenFailedHelp")}
      extra={[
        <Button type="primary" key="reload" onClick={() => location.reload()}>{t("common.reload")}</Button>,
        <Link key="portal" to="/"><Button>{t("shell.portal")}</Button></Link>,
      ]} />
  );
}
