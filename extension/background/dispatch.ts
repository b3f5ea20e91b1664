// The background's dispatcher. Every message is validated with its direction's schema
// (extension/messages.ts) before anything happens: content scripts may only send
// ContentToBackground, and only our own extension pages may send PopupToBackground. A content
// message must come from the origin it names (Chrome reports the tab's origin; a listing is judged
// where it is shown). Then one handler per message type (./handlers/, one module per concern)
// reads what it needs from storage — the worker keeps no state — and answers with a validated shape.
//
// Pure apart from its deps, so test/unit/extension/background/dispatch.test.ts runs it in Node
// with a Map store.
import { ContentToBackground, PopupToBackground, type ErrorAnswer, type Locale } from '../messages.ts';
import { syncRequestSchema, type SyncAnswer } from '../../shared/ledger/index.ts';
import type { ExternalSender, MessageSender } from '../platform/runtime.ts';
import { recordEdit, writeOwner } from '../state.ts';
import { backgroundText } from './catalogue.ts';
import { localeOf, type BackgroundDeps } from './context.ts';
import { annotateCards, annotateProduct, calculate } from './handlers/estimate.ts';
import { exportLedger, importLedgerFile, setOfficialFigure, status } from './handlers/ledger.ts';
import { addReceipt, confirmReceipt, offerReceipts } from './handlers/receipts.ts';
import { setLocale, setSiteAccess, siteAccess } from './handlers/settings.ts';
import { tabStateAnswer, type TabSource } from './handlers/tab-state.ts';
import { refreshTrustNow } from './handlers/trust.ts';
import { syncRefused, syncWithApp } from './handlers/sync.ts';

export type { BackgroundDeps } from './context.ts';

type Answer = Awaited<ReturnType<typeof onContent | typeof onPopup>> | ErrorAnswer;

function errorAnswer(code: 'bad-message' | 'wrong-sender', locale: Locale): ErrorAnswer {
  const t = backgroundText(locale);
  return { error: code, message: code === 'bad-message' ? t.errorBadMessage : t.errorWrongSender };
}

/**
 * `langs.page`: what is said on the page (annotation, chips, receipt notice), in the page's language;
 * `langs.ui`: what is kept for the tab's toolbar button and side panel — extension UI, in the user's.
 */
async function onContent(deps: BackgroundDeps, message: ContentToBackground, origin: string, langs: { page: Locale; ui: Locale }, source: TabSource | undefined) {
  switch (message.type) {
    case 'cs-bg-annotate-product':
      return annotateProduct(deps, message, origin, langs, source);
    case 'cs-bg-annotate-cards':
      return annotateCards(deps, message.cards, langs.page);
    case 'cs-bg-offer-receipts':
      return offerReceipts(deps, message.receipts, langs, source);
  }
}

async function onPopup(deps: BackgroundDeps, message: PopupToBackground, lang: Locale) {
  switch (message.type) {
    case 'ui-bg-get-status':
      return status(deps, lang);
    case 'ui-bg-calculate':
      return calculate(deps, message, lang);
    case 'ui-bg-get-site-access':
      return siteAccess(deps, message.url);
    case 'ui-bg-set-site-access':
      return setSiteAccess(deps, message.origin, message.enabled, lang);
    case 'ui-bg-set-settings': {
      if (message.locale) await setLocale(deps, message.locale);
      if (message.officialUsedFen !== undefined) await setOfficialFigure(deps, message.officialUsedFen);
      // Answered in the language just chosen.
      return { ok: true, message: backgroundText(await localeOf(deps)).settingsSaved };
    }
    case 'ui-bg-export-ledger':
      return exportLedger(deps);
    case 'ui-bg-import-ledger':
      return importLedgerFile(deps, message.json, lang);
    case 'ui-bg-import-receipt':
      return addReceipt(deps, message.receipt, lang);
    case 'ui-bg-refresh-trust':
      return refreshTrustNow(deps);
    case 'ui-bg-set-owner':
      await writeOwner(deps.store, message.owner);
      // The shared ledger follows the later change of the profile (SYNC.md).
      await recordEdit(deps.store, 'owner', deps.now());
      return { ok: true, message: backgroundText(lang).settingsSaved };
    case 'ui-bg-get-tab-state':
      return tabStateAnswer(deps, message.tabId, lang);
    case 'ui-bg-confirm-receipt':
      return confirmReceipt(deps, message.tabId, message.receipt, lang);
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function createDispatcher(deps: BackgroundDeps) {
  return {
    /** Validates `raw` by the sender's direction and answers it. */
    async handle(raw: unknown, sender: MessageSender): Promise<Answer> {
      const lang = await localeOf(deps);
      if (sender.fromExtensionPage) {
        const parsed = PopupToBackground.safeParse(raw);
        return parsed.success ? onPopup(deps, parsed.data, lang) : errorAnswer('bad-message', lang);
      }
      const parsed = ContentToBackground.safeParse(raw);
      if (!parsed.success) return errorAnswer('bad-message', lang);
      // The page's origin comes from Chrome, not from the message.
      if (!sender.origin || sender.origin !== parsed.data.origin) return errorAnswer('wrong-sender', lang);
      // What is said on a shop page is in the page's language, unless the user chose one.
      const pageLocale = await localeOf(deps, parsed.data.lang);
      // Only the tab's top frame, at the address Chrome reports, speaks for the tab in the toolbar
      // action and the side panel; a framed page's findings stay in its frame.
      const source =
        sender.tabId !== undefined && sender.frameId === 0 && sender.url && originOf(sender.url) === sender.origin
          ? { tabId: sender.tabId, url: sender.url, origin: sender.origin }
          : undefined;
      return onContent(deps, parsed.data, sender.origin, { page: pageLocale, ui: lang }, source);
    },

    /**
     * A message from a web page (onMessageExternal). Only the PWA's configured origin, from a top
     * frame at an address of that origin as Chrome reports it, may sync the ledger; anything else
     * is refused before its content is read (externally_connectable already keeps other pages out;
     * this holds if the manifest ever lets more in). Other extensions are never answered.
     */
    async handleExternal(raw: unknown, sender: ExternalSender): Promise<SyncAnswer> {
      const app = deps.appOrigin;
      const fromApp =
        app !== undefined &&
        sender.extensionId === undefined &&
        sender.origin === app &&
        sender.url !== undefined &&
        originOf(sender.url) === app &&
        sender.frameId === 0;
      if (!fromApp) return syncRefused('wrong-sender');
      const parsed = syncRequestSchema.safeParse(raw);
      if (!parsed.success) return syncRefused('bad-message');
      return syncWithApp(deps, parsed.data, app);
    },
  };
}
