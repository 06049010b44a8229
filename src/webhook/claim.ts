/**
 * Claim: the update's event id is claimed in D1 (a unique insert, so of any
 * number of copies only the first goes on), its chat is recorded and its
 * conversation loaded, all in one round trip. A repeat is acknowledged and
 * goes no further.
 */
import type { Update } from "../core/update.ts";
import { ConversationStore } from "../store/conversations.ts";
import type { Arrival, Delivery } from "./delivery.ts";
import { recordRefusal } from "./record.ts";

/** The claimed delivery, or the acknowledgement of a repeat. */
export async function claim(arrival: Arrival, update: Update): Promise<Delivery | Response> {
  const store = new ConversationStore(arrival.settings.DB, arrival.env.trace, arrival.settings.FILES);
  const claimed = await store.claimDelivery(update, arrival.started);
  if (claimed.claimed) return { ...arrival, update, state: claimed.state, store };
  recordRefusal(arrival, { eventId: update.eventId, outcome: "duplicate" });
  return arrival.adapter.ack(update);
}
