// An otpauth:// URI as a QR code image (drawn locally by the qrcode package: the secret
// never leaves the browser). While it is drawn the box keeps its size.
import QRCode from "qrcode";
import { useEffect, useState } from "react";

const SIZE = 200;

export function QrCode({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(text, { errorCorrectionLevel: "M", margin: 2, width: SIZE }).then(
      (url) => !cancelled && setSrc(url),
      () => !cancelled && setSrc(null),
    );
    return () => {
      cancelled = true;
    };
  }, [text]);
  return src ? (
    <img className="qr-code" src={src} alt={alt} width={SIZE} height={SIZE} data-testid="totp-qr" />
  ) : (
    <div className="qr-code" style={{ width: SIZE, height: SIZE }} aria-hidden />
  );
}
