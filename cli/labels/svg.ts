// The SVG rendering of a parcel label (the PDF one is pdf.ts); what it says comes from content.ts.
import QRCode from 'qrcode';

function escapeXml(raw: string): string {
  return raw.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(y: number, size: number, s: string, weight = 'normal'): string {
  return `<text x="8" y="${y}" font-family="sans-serif" font-size="${size}" font-weight="${weight}">${escapeXml(s)}</text>`;
}

/** A 100 × 150 mm label: carrier, waybill, product lines and the QR code (the verify URL). */
export async function labelSvg(content: { qrText: string; carrier: string; waybill: string; lines: string[] }): Promise<string> {
  const qr = await QRCode.toString(content.qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const inner = qr.replace(/^<\?xml[^>]*>\s*/, '').replace('<svg ', '<svg x="15" y="62" width="70" height="70" ');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="150mm" viewBox="0 0 100 150">',
    '<rect x="0.5" y="0.5" width="99" height="149" fill="#fff" stroke="#000" stroke-width="0.5"/>',
    text(12, 8, content.carrier, 'bold'),
    text(24, 7, content.waybill, 'bold'),
    ...content.lines.slice(0, 4).map((l, i) => text(36 + i * 6, 4.2, l)),
    inner,
    text(140, 3.4, 'Scan to verify offline · 扫码离线验证'),
    '</svg>',
  ].join('\n');
}
