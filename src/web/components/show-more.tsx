/** The button under a paged list that reads one page further; it says so while it loads. */
export function ShowMore({
  label,
  loadingLabel,
  loading,
  onMore,
}: {
  /** What it shows, such as "Show older evidence". */
  label: string;
  /** What it says while the next page loads, such as "Loading older evidence…". */
  loadingLabel: string;
  loading: boolean;
  onMore: () => void;
}) {
  return (
    <p className="show-more">
      <button type="button" className="button button--secondary" onClick={onMore} disabled={loading}>
        {loading ? loadingLabel : label}
      </button>
    </p>
  );
}
