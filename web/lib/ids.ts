import { useParams } from 'react-router';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a part of an address can name a record: a page whose id cannot is one that does not exist. */
export const isUuid = (text: string) => UUID.test(text);

/** The record the address names (`:id`); null when it cannot name one (the page then says "not found"). */
export function useRecordId(): string | null {
  const { id = '' } = useParams();
  return isUuid(id) ? id : null;
}
