import { createRequire } from 'node:module';
import type { NoticeBlock, ValidationNoticeContent } from '@crm/domain';
import PDFDocument from 'pdfkit';

/**
 * Lays out validation notices as one PDF letter (US Letter), each language from a new page: the
 * English notice first, then the complete translation (Reg F 1006.34(e)). Chinese text uses
 * Noto Sans SC (SIL Open Font License 1.1, from the npm package @expo-google-fonts/noto-sans-sc),
 * embedded as a subset of the characters used; no network at run time.
 */
const require = createRequire(import.meta.url);
const CJK_FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const CJK_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

const MARGIN = 56;

export async function renderNoticePdf(contents: ValidationNoticeContent[], meta: { title: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    autoFirstPage: false,
    info: { Title: meta.title, Author: 'Collector workstation', Subject: 'Validation notice (Reg F 12 CFR 1006.34)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('cjk', CJK_FONT);
  doc.registerFont('cjk-bold', CJK_BOLD);

  for (const content of contents) {
    const zh = content.locale === 'zh-CN';
    const regular = zh ? 'cjk' : 'Helvetica';
    const bold = zh ? 'cjk-bold' : 'Helvetica-Bold';
    doc.addPage();
    const width = doc.page.width - 2 * MARGIN;
    doc.font(bold).fontSize(16).text(content.title);
    doc.moveDown(0.5);
    let addresses = 0;
    for (const block of content.blocks) drawBlock(block);

    function drawBlock(b: NoticeBlock) {
      switch (b.kind) {
        case 'heading':
          doc.moveDown(0.6).font(bold).fontSize(12).text(b.text, { width });
          doc.moveDown(0.2);
          return;
        case 'paragraph':
          doc.font(regular).fontSize(10.5).text(b.text, { width });
          doc.moveDown(0.3);
          return;
        case 'address':
          // The collector's address top left, the consumer's below it (window envelope).
          doc
            .font(addresses % 2 === 0 ? bold : regular)
            .fontSize(10.5)
            .text(b.lines.join('\n'), { width });
          doc.moveDown(0.6);
          addresses++;
          return;
        case 'figure': {
          const y = doc.y;
          doc.font(b.emphasis ? bold : regular).fontSize(10.5);
          doc.text(b.label, MARGIN, y, { width: width * 0.7 });
          const after = doc.y;
          doc.text(b.value, MARGIN + width * 0.7, y, { width: width * 0.3, align: 'right' });
          doc.x = MARGIN;
          doc.y = Math.max(after, doc.y) + 2;
          return;
        }
        case 'bullet':
          doc.font(regular).fontSize(10.5).text(`•  ${b.text}`, { width, indent: 0 });
          doc.moveDown(0.3);
          return;
        case 'checkbox':
          doc.font(regular).fontSize(10.5).text(`[   ]  ${b.text}`, { width });
          doc.moveDown(0.2);
          return;
        case 'tear_off': {
          if (doc.y > doc.page.height - 300) doc.addPage();
          doc.moveDown(0.8);
          const y = doc.y;
          doc
            .save()
            .dash(4, { space: 3 })
            .moveTo(MARGIN, y)
            .lineTo(MARGIN + width, y)
            .stroke()
            .undash()
            .restore();
          doc.moveDown(0.8);
          return;
        }
      }
    }
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
