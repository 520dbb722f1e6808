import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, NetworkError } from '../lib/api.ts';
import { Alert } from './Alert.tsx';

/** A failed load in plain words, with what to do next and a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  let heading = t('error.load_heading');
  let detail = t('error.load_detail');
  if (error instanceof ApiError) {
    heading = error.problem.title;
    detail = error.problem.detail ?? (error.status >= 500 ? t('error.load_detail') : '');
    if (error.status === 403) detail = t('error.forbidden_detail');
  } else if (error instanceof NetworkError) {
    detail = t('error.network');
  }
  return (
    <Alert variant="error" heading={heading}>
      {detail ? <p>{detail}</p> : null}
      {retry ? (
        <p>
          <button type="button" className="button button-secondary" onClick={retry}>
            {t('common.try_again')}
          </button>
        </p>
      ) : null}
    </Alert>
  );
}
