// Live counts of a place over Server-Sent Events; the browser reconnects by itself after a dropped connection.

/** Calls onStats with {beenHere, wantToGo, lists} now and on every change, and onState with 'connected' or 'reconnecting'. */
export function followStats(placeId, onStats, onState) {
  if (!('EventSource' in window)) return () => {};
  const source = new EventSource(`/api/places/${encodeURIComponent(placeId)}/stats/stream`);
  source.addEventListener('stats', event => {
    onStats(JSON.parse(event.data));
    onState('connected');
  });
  source.addEventListener('error', () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  return () => source.close();
}
