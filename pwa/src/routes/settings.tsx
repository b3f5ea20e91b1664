// Language, appearance, trust data, storage and the privacy statement.
import { useEffect, useState } from 'preact/hooks';
import { buildLabel } from '../build-info.ts';
import { localeChoice, setLocaleChoice, useI18n, type LocaleChoice } from '../i18n.ts';
import { RouteHeading } from '../focus.tsx';
import { announce } from '../announcer.tsx';
import { setThemeChoice, themeChoice, type ThemeChoice } from '../theme.ts';
import { TrustStatus } from '../components/trust-status.tsx';
import { refreshTrust } from '../trust-store.ts';
import { ownerProfileFromIdNumber, parseOwnerProfile } from '../../../shared/verdict/index.ts';
import { appDatabase, getMeta, readExtensionLink, recordEdit, setMeta, useLiveQuery } from '../../db/index.ts';
import { OWNER_PROFILE_KEY } from '../verification.ts';
import { extensionRuntime } from '../extension-runtime.ts';

/**
 * The owner profile: the ID number is checked (GB 11643) and dropped at once; only the last four
 * characters and a masked name reach IndexedDB. Nothing here is sent anywhere.
 */
function OwnerProfileForm() {
  const { t, pick } = useI18n();
  const db = appDatabase();
  const stored = useLiveQuery(async () => parseOwnerProfile(await getMeta<unknown>(db, OWNER_PROFILE_KEY)), []);
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<{ code: string; text: string } | undefined>(undefined);
  const profile = stored.status === 'ready' ? stored.value : undefined;
  const onSave = (e: Event) => {
    e.preventDefault();
    const made = ownerProfileFromIdNumber(idNumber, name.trim() || undefined);
    // The full number leaves memory with the form state, valid or not.
    setIdNumber('');
    if (!made.ok) {
      setProblem({ code: made.error.code, text: pick(made.error.message) });
      return;
    }
    setProblem(undefined);
    setName('');
    // The time of the change too: the ledger shared with the extension follows the later one (SYNC.md).
    void setMeta(db, OWNER_PROFILE_KEY, made.value)
      .then(() => recordEdit(db, 'owner'))
      .then(() => announce(t('settings.owner.saved', { last4: made.value.idLast4 })));
  };
  return (
    <section class="card" aria-labelledby="owner-title" data-owner-section="">
      <h2 id="owner-title">{t('settings.owner')}</h2>
      <p class="hint">{t('settings.owner.body')}</p>
      {profile && (
        <p class="notice" data-owner-profile={profile.idLast4}>
          {t('settings.owner.saved', { last4: profile.idLast4 })}
          {profile.maskedName ? ` · ${profile.maskedName}` : ''}
        </p>
      )}
      <form onSubmit={onSave}>
        <div class="field">
          <label for="owner-id">{t('settings.owner.id')}</label>
          <input id="owner-id" autocomplete="off" inputMode="text" maxLength={24} value={idNumber} onInput={(e) => setIdNumber((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="owner-name">{t('settings.owner.name')}</label>
          <input id="owner-name" autocomplete="off" maxLength={32} value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button primary" data-action="save-owner">
          {t('settings.owner.save')}
        </button>
        {profile && (
          <button type="button" class="button ghost" data-action="remove-owner" onClick={() => void db.meta.delete(OWNER_PROFILE_KEY).then(() => recordEdit(db, 'owner'))}>
            {t('settings.owner.remove')}
          </button>
        )}
      </form>
      {problem && (
        <p class="notice notice-warn" role="alert" data-owner-problem={problem.code}>
          {problem.text}
        </p>
      )}
    </section>
  );
}

/**
 * The link with the CrossCheck browser extension (SYNC.md): shown only where the browser offers the
 * channel and a sync has happened; elsewhere (a phone, a browser without the extension) nothing.
 */
function ExtensionLinkStatus() {
  const { t, date } = useI18n();
  const link = useLiveQuery(() => readExtensionLink(appDatabase()), []);
  if (!extensionRuntime() || link.status !== 'ready' || !link.value) return null;
  return (
    <section class="card" aria-labelledby="extension-title" data-extension-link={link.value.lastSyncedAt}>
      <h2 id="extension-title">{t('settings.extension')}</h2>
      <p>{t('settings.extension.linked', { when: date(link.value.lastSyncedAt, true) })}</p>
      <p class="hint">{t('settings.extension.body')}</p>
    </section>
  );
}

function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** One setting as a group of radio buttons under its heading. */
function RadioChoice<T extends string>(props: { title: string; name: string; options: Array<[T, string]>; value: T; onChoose: (value: T) => void }) {
  return (
    <fieldset>
      <legend>
        <h2>{props.title}</h2>
      </legend>
      <div class="choice">
        {props.options.map(([value, label]) => (
          <label>
            <input type="radio" name={props.name} value={value} checked={props.value === value} onChange={() => props.onChoose(value)} />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SettingsRoute() {
  const { t, pick } = useI18n();
  const [lang, setLang] = useState<LocaleChoice>(localeChoice);
  const [theme, setTheme] = useState<ThemeChoice>(themeChoice);
  const [usage, setUsage] = useState<number | undefined>(undefined);
  const [persisted, setPersisted] = useState<boolean | undefined>(undefined);
  const [refreshNote, setRefreshNote] = useState<string | undefined>(undefined);

  useEffect(() => {
    void navigator.storage?.estimate?.().then((e) => setUsage(e.usage));
    void navigator.storage?.persisted?.().then(setPersisted);
  }, []);

  const languages: Array<[LocaleChoice, string]> = [
    ['system', t('settings.language.system')],
    ['zh-CN', '简体中文'],
    ['en', 'English'],
  ];
  const themes: Array<[ThemeChoice, string]> = [
    ['system', t('settings.theme.system')],
    ['light', t('settings.theme.light')],
    ['dark', t('settings.theme.dark')],
  ];

  return (
    <section aria-labelledby="settings-title">
      <RouteHeading id="settings-title" text={t('settings.title')} />
      <div class="card">
        <RadioChoice
          title={t('settings.language')}
          name="language"
          options={languages}
          value={lang}
          onChoose={(value) => {
            setLang(value);
            setLocaleChoice(value);
          }}
        />
        <RadioChoice
          title={t('settings.theme')}
          name="theme"
          options={themes}
          value={theme}
          onChoose={(value) => {
            setTheme(value);
            setThemeChoice(value);
          }}
        />
      </div>
      <OwnerProfileForm />
      <ExtensionLinkStatus />
      <section class="card" aria-labelledby="trust-title">
        <h2 id="trust-title">{t('settings.trust')}</h2>
        <TrustStatus />
        <button
          type="button"
          class="button"
          onClick={() =>
            void refreshTrust().then((problem) => {
              const note = problem ? t('trust.refreshFailed', { message: pick(problem.message) }) : t('trust.refreshed');
              setRefreshNote(note);
              announce(note);
            })
          }
        >
          {t('trust.refresh')}
        </button>
        {refreshNote && (
          <p class="hint" data-refresh-note="">
            {refreshNote}
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="storage-title">
        <h2 id="storage-title">{t('settings.storage')}</h2>
        {usage !== undefined && <p>{t('settings.storage.usage', { used: formatBytes(usage) })}</p>}
        {persisted !== undefined && <p class="hint">{persisted ? t('ledger.persist.granted') : t('ledger.persist.denied')}</p>}
      </section>
      <section class="card" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('settings.privacy')}</h2>
        <p>{t('settings.privacy.body')}</p>
      </section>
      <p class="hint">
        {t('settings.version')}: {buildLabel || 'dev'}
      </p>
    </section>
  );
}
