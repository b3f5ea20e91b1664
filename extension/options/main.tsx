// The options page: language, the figure from the official quota look-up, ledger export/import
// (the PWA's format, shared/ledger), receipt import, and a plain privacy statement.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatFen, parseYuan } from '../../shared/money/index.ts';
import { ownerProfileFromIdNumber } from '../../shared/verdict/index.ts';
import { ActionAnswer, LedgerExportAnswer, StatusAnswer, type LocaleSetting } from '../messages.ts';
import { ask } from '../ui/ask.ts';
import { uiText } from '../ui/catalogue.ts';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Options() {
  const [status, setStatus] = useState<StatusAnswer | null>(null);
  const [official, setOfficial] = useState('');
  const [receipt, setReceipt] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const reload = async () => {
    const r = await ask({ type: 'ui-bg-get-status' }, StatusAnswer);
    if (r.ok) {
      setStatus(r.value);
      document.documentElement.lang = r.value.locale;
      document.title = uiText(r.value.locale).optionsTitle;
    } else setMessage({ ok: false, text: r.message });
  };
  useEffect(() => void reload(), []);
  if (!status) return <main aria-busy="true">{message && <p class="warn">{message.text}</p>}</main>;
  const t = uiText(status.locale);
  const report = (r: { ok: true; value: { ok: boolean; message: string } } | { ok: false; message: string }) => {
    setMessage(r.ok ? { ok: r.value.ok, text: r.value.message } : { ok: false, text: r.message });
    void reload();
  };

  const setLocale = async (locale: LocaleSetting) => report(await ask({ type: 'ui-bg-set-settings', locale }, ActionAnswer));
  const saveOfficial = async (event: Event) => {
    event.preventDefault();
    let fen: number;
    try {
      fen = parseYuan(official.trim());
    } catch {
      setMessage({ ok: false, text: uiText(status.locale).officialExample });
      return;
    }
    report(await ask({ type: 'ui-bg-set-settings', officialUsedFen: fen }, ActionAnswer));
  };
  const clearOfficial = async () => report(await ask({ type: 'ui-bg-set-settings', officialUsedFen: null }, ActionAnswer));
  const exportLedger = async () => {
    const r = await ask({ type: 'ui-bg-export-ledger' }, LedgerExportAnswer);
    if (r.ok) download(r.value.fileName, r.value.json);
    else setMessage({ ok: false, text: r.message });
  };
  const importLedger = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    report(await ask({ type: 'ui-bg-import-ledger', json: await file.text() }, ActionAnswer));
  };
  // The full number is checked here with the core and dropped: only the profile (last four
  // characters, masked name) is sent to the background and stored.
  const saveOwner = async (event: Event) => {
    event.preventDefault();
    const profile = ownerProfileFromIdNumber(idNumber.trim(), ownerName.trim() || undefined);
    setIdNumber('');
    if (!profile.ok) {
      setMessage({ ok: false, text: profile.error.message[status.locale] });
      return;
    }
    setOwnerName('');
    report(await ask({ type: 'ui-bg-set-owner', owner: profile.value }, ActionAnswer));
  };
  const clearOwner = async () => report(await ask({ type: 'ui-bg-set-owner', owner: null }, ActionAnswer));
  const addReceipt = async (event: Event) => {
    event.preventDefault();
    report(await ask({ type: 'ui-bg-import-receipt', receipt: receipt.trim() }, ActionAnswer));
  };

  return (
    <main>
      <h1>{t.optionsTitle}</h1>
      {/* The page's one live region, there from the start: each action's outcome replaces its text. */}
      <p class={message?.ok === false ? 'warn' : ''} role="status" aria-live="polite" aria-atomic="true" data-testid="message" data-ok={message ? String(message.ok) : undefined}>
        {message?.text ?? ''}
      </p>
      <section>
        <h2>{t.language}</h2>
        <select value={status.localeSetting} onChange={(e) => void setLocale(e.currentTarget.value as LocaleSetting)} aria-label={t.language}>
          <option value="auto">{t.languageAuto}</option>
          <option value="zh-CN">简体中文</option>
          <option value="en">English</option>
        </select>
      </section>
      <section>
        <h2>{t.quotaTitle} ({status.year})</h2>
        <dl>
          <dt>{t.used}</dt>
          <dd data-testid="used-fen" data-fen={status.usedFen}>{formatFen(status.usedFen, status.locale)}</dd>
          <dt>{t.remaining}</dt>
          <dd>{formatFen(status.remainingFen, status.locale)}</dd>
          {status.officialUsedFen !== null && [<dt>{t.official}</dt>, <dd>{formatFen(status.officialUsedFen, status.locale)}</dd>]}
        </dl>
        {status.unexplainedFen !== null && status.unexplainedFen > 0 && (
          <p class="warn" role="alert">{t.unexplained(formatFen(status.unexplainedFen, status.locale))}</p>
        )}
        <h2>{t.officialTitle}</h2>
        <p class="muted">{t.officialHelp}</p>
        <form onSubmit={saveOfficial}>
          <input inputMode="decimal" value={official} onInput={(e) => setOfficial(e.currentTarget.value)} aria-label={t.officialTitle} required />
          <button type="submit">{t.officialSave}</button>
          <button type="button" onClick={() => void clearOfficial()}>{t.officialClear}</button>
        </form>
      </section>
      <section data-testid="owner" data-id-last4={status.owner?.idLast4 ?? ''}>
        <h2>{t.ownerTitle}</h2>
        <p>{status.owner ? t.ownerCurrent(status.owner.idLast4, status.owner.maskedName ?? '') : t.ownerNone}</p>
        <p class="muted">{t.ownerHelp}</p>
        <form onSubmit={saveOwner} autocomplete="off">
          <label>{t.ownerId}<input value={idNumber} onInput={(e) => setIdNumber(e.currentTarget.value)} maxLength={18} autocomplete="off" spellcheck={false} required /></label>
          <label>{t.ownerName}<input value={ownerName} onInput={(e) => setOwnerName(e.currentTarget.value)} maxLength={40} autocomplete="off" /></label>
          <button type="submit">{t.ownerSave}</button>
          {status.owner && <button type="button" onClick={() => void clearOwner()}>{t.ownerClear}</button>}
        </form>
      </section>
      <section data-testid="app-link" data-linked={String(!!status.appLink)} data-last-synced={status.appLink?.lastSyncedAt ?? ''}>
        <h2>{t.appLinkTitle}</h2>
        <p>
          {status.appLink
            ? t.appLinked(status.appLink.origin, new Date(status.appLink.lastSyncedAt).toLocaleString(status.locale, { dateStyle: 'medium', timeStyle: 'short' }))
            : t.appNotLinked}
        </p>
        <p class="muted">{t.appLinkHelp}</p>
      </section>
      <section>
        <h2>{t.ledgerTitle}</h2>
        <p class="muted">{t.ledgerHelp}</p>
        <button type="button" onClick={() => void exportLedger()}>{t.exportLedger}</button>
        <label>
          {t.importLedger}
          <input type="file" accept="application/json,.json" onChange={(e) => void importLedger(e)} />
        </label>
      </section>
      <section>
        <h2>{t.receiptTitle}</h2>
        <p class="muted">{t.receiptHelp}</p>
        <form onSubmit={addReceipt}>
          <textarea rows={3} value={receipt} onInput={(e) => setReceipt(e.currentTarget.value)} aria-label={t.receiptTitle} required />
          <button type="submit">{t.addReceipt}</button>
        </form>
      </section>
      <section>
        <h2>{t.privacyTitle}</h2>
        {t.privacy.map((p) => <p>{p}</p>)}
      </section>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
