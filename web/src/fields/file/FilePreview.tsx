// An attachment on the record page: a thumbnail for images (click or Enter for full size),
// an "open" button for PDFs, and the download button for every file.
import { FilePdfOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Modal } from "antd";
import { useEffect, useState } from "react";
import type { FileValue } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { errorMessage } from "../../ui/PageState";
import { FileLink } from "./FileLink";
import { previewKind, thumbnailPixels } from "./filePreview";

export function FilePreview({ file, thumbnailSize }: { file: FileValue; thumbnailSize?: string }) {
  const kind = previewKind(file.contentType, file.size);
  return (
    <div className="file-preview">
      {kind === "image" && <Thumbnail file={file} pixels={thumbnailPixels(thumbnailSize)} />}
      {kind === "pdf" && <OpenPdf file={file} />}
      <FileLink file={file} />
    </div>
  );
}

function Thumbnail({ file, pixels }: { file: FileValue; pixels: number }) {
  const { t } = useI18n();
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    api.downloadFile(file.fileKey).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => undefined, // the download button still works and reports its own error
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, file.fileKey]);
  const name = file.name ?? file.fileKey;
  if (!url) return <div className="file-thumbnail" style={{ width: pixels, maxWidth: "100%", height: pixels }} aria-hidden />;
  return (
    <>
      {/* At most the field's width: a 500 px thumbnail must not push a phone or 200 % zoom sideways. */}
      <button type="button" className="file-thumbnail" aria-label={t("record.enlarge", { name })} onClick={() => setOpen(true)} style={{ maxWidth: `min(${pixels + 6}px, 100%)` }}>
        <img src={url} alt={name} style={{ maxWidth: "100%", maxHeight: pixels, objectFit: "contain" }} />
      </button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={name} width="min(1000px, 95vw)" centered>
        <img src={url} alt={name} className="file-full" />
      </Modal>
    </>
  );
}

function OpenPdf({ file }: { file: FileValue }) {
  const { t } = useI18n();
  const api = useApi();
  const { message } = AntApp.useApp();
  const name = file.name ?? file.fileKey;
  const openPdf = async () => {
    // Opened before the download so the browser counts it as the click's own window.
    const tab = window.open("", "_blank");
    let blob: Blob;
    try {
      blob = await api.downloadFile(file.fileKey);
    } catch (e) {
      tab?.close();
      void message.error(errorMessage(e, t("common.networkError")));
      return;
    }
    const url = URL.createObjectURL(new Blob([blob], { type: "application/pdf" }));
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <Button size="small" icon={<FilePdfOutlined aria-hidden />} onClick={() => void openPdf()} aria-label={t("record.openPdf", { name })}>
      {t("record.open")}
    </Button>
  );
}
