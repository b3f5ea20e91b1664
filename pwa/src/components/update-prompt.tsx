// "A new version is ready" toast (workbox-window `waiting`): the user chooses when to switch.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n.ts';
import { onUpdateOffer, type UpdateOffer } from '../service-worker.ts';

export function UpdatePrompt() {
  const { t } = useI18n();
  const [offer, setOffer] = useState<UpdateOffer | undefined>(undefined);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => onUpdateOffer(setOffer), []);
  if (!offer || dismissed) return null;
  return (
    <div class="toast" role="alert" data-update-prompt="">
      <span>{t('update.available')}</span>
      <button type="button" class="button primary" onClick={() => offer.accept()}>
        {t('update.reload')}
      </button>
      <button type="button" class="button ghost" onClick={() => setDismissed(true)}>
        {t('update.later')}
      </button>
    </div>
  );
}
