// Texts of the residents' pages, Japanese first. Plain words, no jargon: many readers are
// elderly or read Japanese as a second language.
export const publicEn = {
  "lang.switch": "日本語",
  "lang.switchLabel": "日本語で表示する",
  "loading": "Loading…",
  "required": "Required",
  "optional": "Optional",
  "network": "Cannot reach the server. Check your connection and try again.",
  "notFound": "The page was not found. Please check the address.",
  "form.next": "Check your entries",
  "form.confirmTitle": "Please check your entries",
  "form.confirmLead": "Nothing has been sent yet. If everything is correct, press “Send”.",
  "form.back": "Back and correct",
  "form.send": "Send",
  "form.sending": "Sending…",
  "form.doneTitle": "Your application has been received",
  "form.receiptLabel": "Your receipt number",
  "form.receiptHint": "Please write down this number. You need it to check the status of your application.",
  "form.mailNote": "We will send a confirmation e-mail to this address.",
  "form.mailSent": "A confirmation e-mail with your receipt number has been sent to {address}. If it does not arrive, please check your spam folder.",
  "form.mailSentPlain": "A confirmation e-mail has been sent to {address}. If it does not arrive, please check your spam folder.",
  "form.errorsTitle": "Please correct the following:",
  "form.empty": "(not entered)",
  "form.requiredError": "Please fill this in.",
  "form.filesChosen": "{n} file(s) chosen",
  "form.fileRules": "Accepted: {types}. Up to {count} files, {size} each.",
  "form.notYetOpen": "This form is not open for applications yet.",
  "form.closed": "This form is closed.",
  "form.full": "This form has reached its limit of applications and is closed.",
  "form.opens": "Opens: {date}",
  "form.chooseOne": "Please choose",
  "lookup.search": "Check status",
  "lookup.searching": "Checking…",
  "lookup.resultTitle": "Your application",
  "lookup.again": "Check another application",
  "lookup.last4": "Last 4 digits",
  "dashboard.asOf": "Figures as of {time}.",
  "dashboard.refresh": "They are updated every {n} minutes.",
  "dashboard.empty": "There are no figures to show yet.",
  "dashboard.chartCaption": "Chart of the first figure. The table below shows every figure.",
  "dashboard.tableCaption": "{title} (table)",
  "dashboard.suppressedNote": "“<{n}” means fewer than {n}: such small numbers are not shown, so that no one can be identified.",
  "dashboard.downloadTitle": "Download the data",
  "dashboard.csv": "CSV (for Excel)",
  "dashboard.json": "JSON (open data)",
} as const;

export type PublicMessages = Record<keyof typeof publicEn, string>;

export const publicJa: PublicMessages = {
  "lang.switch": "English",
  "lang.switchLabel": "Show in English",
  "loading": "読み込んでいます…",
  "required": "必須",
  "optional": "任意",
  "network": "サーバーに接続できません。通信状態を確かめて、もう一度お試しください。",
  "notFound": "ページが見つかりません。URLをご確認ください。",
  "form.next": "入力内容を確認する",
  "form.confirmTitle": "入力内容の確認",
  "form.confirmLead": "まだ送信されていません。内容がよろしければ「送信する」を押してください。",
  "form.back": "戻って修正する",
  "form.send": "送信する",
  "form.sending": "送信しています…",
  "form.doneTitle": "申請を受け付けました",
  "form.receiptLabel": "受付番号",
  "form.receiptHint": "この番号を控えてください。申請状況の確認に必要です。",
  "form.mailNote": "入力されたアドレスに確認メールをお送りします。",
  "form.mailSent": "受付番号を記載した確認メールを {address} 宛に送信しました。届かない場合は迷惑メールフォルダもご確認ください。",
  "form.mailSentPlain": "確認メールを {address} 宛に送信しました。届かない場合は迷惑メールフォルダもご確認ください。",
  "form.errorsTitle": "次の項目をご確認ください。",
  "form.empty": "（未入力）",
  "form.requiredError": "入力してください。",
  "form.filesChosen": "{n}件のファイルを選択しました",
  "form.fileRules": "受け付ける形式: {types}。{count}件まで、1件{size}まで。",
  "form.notYetOpen": "このフォームはまだ受付を開始していません。",
  "form.closed": "このフォームの受付は終了しました。",
  "form.full": "受付件数が上限に達したため、受付を終了しました。",
  "form.opens": "受付開始: {date}",
  "form.chooseOne": "選択してください",
  "lookup.search": "照会する",
  "lookup.searching": "照会しています…",
  "lookup.resultTitle": "申請の状況",
  "lookup.again": "別の申請を照会する",
  "lookup.last4": "下4桁",
  "dashboard.asOf": "{time}時点の集計です。",
  "dashboard.refresh": "{n}分ごとに更新しています。",
  "dashboard.empty": "表示できる集計結果はまだありません。",
  "dashboard.chartCaption": "最初の項目のグラフです。すべての数値は下の表でご覧いただけます。",
  "dashboard.tableCaption": "{title}（表）",
  "dashboard.suppressedNote": "「<{n}」は{n}件未満を表します。個人が特定されないよう、少ない件数は表示していません。",
  "dashboard.downloadTitle": "データのダウンロード",
  "dashboard.csv": "CSV形式（Excel向け）",
  "dashboard.json": "JSON形式（オープンデータ）",
};

export type Lang = "ja" | "en";
export type Translate = (key: keyof PublicMessages, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = lang === "en" ? publicEn : publicJa;
  return (key, vars) => {
    let text: string = table[key];
    for (const [k, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}
