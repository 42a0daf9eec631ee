import { useMemo, useState } from 'preact/hooks';
import type { Model } from './model.js';
import { shown } from './text.js';
import { VirtualList } from './virtual-list.js';

interface Props {
  model: Model;
  selected: number;
  onSelect: (segment: number) => void;
}

/**
 * The segment picker: the segment tree in order (children indented under their parent), filtered by a search on ids
 * and names, a match shown with its parents' path. Only the rows in view are drawn, and only the chosen segment's
 * timeline: a plan of 10,000 segments draws one.
 */
export function SegmentPicker({ model, selected, onSelect }: Props) {
  const [text, setText] = useState('');
  const [onlyFindings, setOnlyFindings] = useState(false);
  const offered = useMemo(() => {
    const listed = model.plan.listed ?? model.plan.segments.map((_, index) => index);
    return listed.filter((index) => !onlyFindings || model.bySegment[index]!.length > 0);
  }, [model, onlyFindings]);
  const query = text.trim().toLowerCase();
  const rows = useMemo(() => {
    if (!query) return offered;
    return offered.filter((index) => {
      const segment = model.segment(index);
      return segment.id.toLowerCase().includes(query) || (segment.name ?? '').toLowerCase().includes(query);
    });
  }, [offered, query]);
  return (
    <nav class="picker" aria-labelledby="picker-title">
      <h2 id="picker-title">Segments</h2>
      <label class="search">
        Find a segment
        <input type="search" value={text} placeholder="id or name" onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="check">
        <input type="checkbox" checked={onlyFindings} onChange={(event) => setOnlyFindings((event.currentTarget as HTMLInputElement).checked)} /> only segments with findings
      </label>
      {rows.length === 0 ? (
        <p class="empty">No segment matches.</p>
      ) : (
        <VirtualList
          items={rows}
          rowHeight={40}
          label="segments"
          className="segment-list"
          reveal={rows.indexOf(selected)}
          render={(index) => {
            const segment = model.segment(index);
            const count = model.bySegment[index]!.length;
            const path = query
              ? model
                  .chain(index)
                  .slice(1)
                  .reverse()
                  .map((at) => shown(model.segment(at).id))
                  .join(' › ')
              : '';
            return (
              <button
                type="button"
                class={`segment${index === selected ? ' selected' : ''}`}
                aria-current={index === selected ? 'true' : undefined}
                data-segment={segment.id}
                style={{ paddingLeft: `${0.5 + (query ? 0 : Math.min(model.depth[index]!, 12)) * 0.9}rem` }}
                onClick={() => onSelect(index)}
              >
                <span class="id">{shown(segment.id)}</span>
                {segment.name ? <span class="name"> {shown(segment.name)}</span> : null}
                {path ? <span class="path"> in {path}</span> : null}
                {count ? <span class="badge" aria-label={`${count} findings`}>{count}</span> : null}
              </button>
            );
          }}
        />
      )}
    </nav>
  );
}
