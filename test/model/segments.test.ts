import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/loaders/csv.js';
import { readYaml } from '../../src/loaders/yaml.js';
import { buildModel } from '../../src/model/build.js';
import { locationOf } from '../../src/model/types.js';
import { validateFragment } from '../../src/validate/validate.js';
import { at, brief, knownWords, model, problemsOf, recommendedVocabulary, yaml } from './helpers.js';

describe('segments: inheritance through the parent chain (SPEC 4.1)', () => {
  const files = {
    'segments.yaml': yaml(
      'segments:',
      '  - id: all',
      '    timezone: Europe/Paris',
      '    locales: [fr-FR, en-GB]',
      '    consent: [email, sms]',
      '    suppressed: true',
      '    states: {member: active, lease: active}',
      '    events: {signup: 2026-01-01, lease_start: 2026-01-02}',
      '  - id: middle',
      '    parent: all',
      '    locales: [de-DE]',
      '    states: {lease: ended, vip: gold}',
      '    events: {lease_start: 2026-02-02}',
      '  - id: leaf',
      '    parent: middle',
      '    timezones: [Asia/Shanghai, Asia/Tokyo]',
      '    consent: [wechat]',
      '    suppressed: false',
      '    states: {vip: silver}',
      '    events: {lease_end: 2026-06-30}',
      '  - id: sibling',
      '    parent: middle',
    ),
  };

  it('reports nothing', () => {
    expect(problemsOf(files)).toEqual([]);
  });

  it('records which segment wrote the consent and suppression in force, so that findings point there', () => {
    const { plan } = model(files);
    expect(['all', 'middle', 'leaf', 'sibling'].map((id) => plan.segments.get(id)!.declaredBy)).toEqual([
      { consent: 'all', suppressed: 'all' },
      { consent: 'all', suppressed: 'all' },
      { consent: 'leaf', suppressed: 'leaf' },
      { consent: 'all', suppressed: 'all' },
    ]);
  });

  it('gives single values and lists of the nearest ancestor that sets them, replaced (not merged) by the child', () => {
    const { plan } = model(files);
    const leaf = plan.segments.get('leaf')!;
    const middle = plan.segments.get('middle')!;
    const sibling = plan.segments.get('sibling')!;
    expect(middle.timezones).toEqual(['Europe/Paris']);
    expect(middle.locales).toEqual(['de-DE']);
    expect(middle.consent).toEqual(['email', 'sms']);
    expect(middle.suppressed).toBe(true);
    expect(leaf.timezones).toEqual(['Asia/Shanghai', 'Asia/Tokyo']);
    expect(leaf.locales).toEqual(['de-DE']);
    expect(leaf.consent).toEqual(['wechat']);
    expect(leaf.suppressed).toBe(false);
    // three levels: the grandchild gets what its parent inherited from the grandparent
    expect(sibling.timezones).toEqual(['Europe/Paris']);
    expect(sibling.locales).toEqual(['de-DE']);
    expect(sibling.consent).toEqual(['email', 'sms']);
  });

  it('merges states and events key by key, the child winning', () => {
    const { plan } = model(files);
    const states = (id: string) => ({ ...plan.segments.get(id)!.states });
    const events = (id: string) => Object.fromEntries([...plan.segments.get(id)!.events].map(([name, event]) => [name, event.date.local]));
    expect(states('all')).toEqual({ member: 'active', lease: 'active' });
    expect(states('middle')).toEqual({ member: 'active', lease: 'ended', vip: 'gold' });
    expect(states('leaf')).toEqual({ member: 'active', lease: 'ended', vip: 'silver' });
    expect(states('sibling')).toEqual({ member: 'active', lease: 'ended', vip: 'gold' });
    expect(events('all')).toEqual({ signup: '2026-01-01', lease_start: '2026-01-02' });
    expect(events('middle')).toEqual({ signup: '2026-01-01', lease_start: '2026-02-02' });
    expect(events('leaf')).toEqual({ signup: '2026-01-01', lease_start: '2026-02-02', lease_end: '2026-06-30' });
  });

  it('keeps where an inherited event was written (the ancestor, not the child)', () => {
    const { plan } = model(files);
    const events = plan.segments.get('leaf')!.events;
    const where = (name: string) => {
      const { file, line, column } = locationOf(events.get(name)!.source);
      return { file, line, column };
    };
    expect(where('lease_start')).toEqual({ file: 'segments.yaml', line: 13, column: 27 });
    expect(where('signup')).toEqual({ file: 'segments.yaml', line: 8, column: 22 });
    expect(where('lease_end')).toEqual({ file: 'segments.yaml', line: 20, column: 25 });
    // the second event of a mapping is found at its own date, not at the mapping's first entry
    const second = locationOf(plan.segments.get('all')!.events.get('lease_start')!.source);
    expect([second.line, second.column]).toEqual([8, 47]);
    expect(events.get('signup')!.source.pointer).toBe('/segments/0/events/signup');
  });

  it('does not change the parent when the child overrides', () => {
    const { plan } = model(files);
    expect({ ...plan.segments.get('all')!.states }).toEqual({ member: 'active', lease: 'active' });
    expect(plan.segments.get('all')!.locales).toEqual(['fr-FR', 'en-GB']);
    expect(plan.segments.get('all')!.suppressed).toBe(true);
  });

  it('lists each segment\'s direct children', () => {
    const { plan } = model(files);
    expect(plan.segments.get('all')!.children).toEqual(['middle']);
    expect([...plan.segments.get('middle')!.children].sort()).toEqual(['leaf', 'sibling']);
    expect(plan.segments.get('leaf')!.children).toEqual([]);
  });

  it('inherits the same way whatever order the segments are written in, and across files', () => {
    const { plan, problems } = model({
      'b.yaml': yaml('segments:', '  - id: leaf', '    parent: middle', '  - id: middle', '    parent: all', '    states: {lease: ended}'),
      'a.yaml': yaml('segments:', '  - id: all', '    timezone: Europe/Paris', '    states: {member: active}'),
    });
    expect(problems).toEqual([]);
    expect(plan.segments.get('leaf')!.timezones).toEqual(['Europe/Paris']);
    expect({ ...plan.segments.get('leaf')!.states }).toEqual({ member: 'active', lease: 'ended' });
    expect(plan.segments.get('all')!.children).toEqual(['middle']);
    expect(plan.segments.get('middle')!.children).toEqual(['leaf']);
  });

  it('leaves consent undefined (all channels) when no ancestor sets it', () => {
    const { plan } = model(files);
    expect(plan.segments.get('all')!.consent).toEqual(['email', 'sms']);
    const other = model({ 's.yaml': yaml('segments:', '  - id: p', '  - id: c', '    parent: p') }).plan;
    expect(other.segments.get('c')!.consent).toBeUndefined();
    expect(other.segments.get('c')!.timezones).toEqual([]);
    expect(other.segments.get('c')!.suppressed).toBe(false);
  });
});

describe('segments: inherited maps are shared, not copied per level (issue 8)', () => {
  it('a child that sets no states or events has its parent\'s maps, the same objects', () => {
    const { plan } = model({ 's.yaml': yaml('segments:', '  - {id: p, states: {lease: active}, events: {signup: 2026-01-01}}', '  - {id: c, parent: p}', '  - {id: g, parent: c}') });
    const [p, c, g] = ['p', 'c', 'g'].map((id) => plan.segments.get(id)!);
    expect(c!.states).toBe(p!.states);
    expect(g!.states).toBe(p!.states);
    expect(g!.events).toBe(p!.events);
  });

  it('ownStates and ownEvents are what a segment changes: a state restated with its parent\'s value is no change', () => {
    const { plan } = model({
      's.yaml': yaml(
        'segments:',
        '  - {id: p, states: {lease: active, vip: gold}, events: {signup: 2026-01-01}}',
        '  - {id: same, parent: p, states: {lease: active}}',
        '  - {id: other, parent: p, states: {lease: ended, tier: "2"}, events: {signup: 2026-02-01}}',
      ),
    });
    const own = (id: string) => ({ states: { ...plan.segments.get(id)!.ownStates }, events: [...plan.segments.get(id)!.ownEvents.keys()] });
    expect(own('p')).toEqual({ states: { lease: 'active', vip: 'gold' }, events: ['signup'] });
    expect(own('same')).toEqual({ states: {}, events: [] });
    expect(own('other')).toEqual({ states: { lease: 'ended', tier: '2' }, events: ['signup'] });
    expect(plan.segments.get('same')!.states).toBe(plan.segments.get('p')!.states);
    // The states in force keep the order of a merge: the ancestors' keys first, in their order, then the new ones.
    expect(Object.entries(plan.segments.get('other')!.states)).toEqual([['lease', 'ended'], ['vip', 'gold'], ['tier', '2']]);
  });

  it('writtenStates are the states a segment\'s own `states` writes, restated ones included, in YAML and CSV alike', () => {
    const parent = readYaml('s.yaml', yaml('segments:', '  - {id: p, states: {lease: active, vip: gold}}', '  - {id: same, parent: p, states: {lease: active}}'));
    const rows = readCsv('s.csv', 'id,parent,states.lease,states.vip\nrow-same,p,active,\nrow-other,p,ended,gold\nrow-none,p,,\n', { kind: 'segments' });
    const fragments = [...parent.fragments, rows.fragment!].map((fragment) => validateFragment(fragment).fragment);
    const { plan, problems } = buildModel(fragments, recommendedVocabulary());
    expect([...parent.problems, ...rows.problems, ...problems]).toEqual([]);
    const written = (id: string) => [...plan.segments.get(id)!.writtenStates];
    expect(['p', 'same', 'row-same', 'row-other', 'row-none'].map(written)).toEqual([['lease', 'vip'], ['lease'], ['lease'], ['lease', 'vip'], []]);
    // A restated state is written, yet no change; and a CSV cell is where its state is written.
    expect({ ...plan.segments.get('row-same')!.ownStates }).toEqual({});
    expect(locationOf(plan.segments.get('row-other')!.source, 'states', 'lease')).toMatchObject({ file: 's.csv', line: 3, column: 13 });
  });

  it('below a parent that broke the schema (not built, but its id known), the chain still inherits', () => {
    const { plan } = model({ 's.yaml': yaml('segments:', '  - {id: p, states: {a: x}, bogus: 1}', '  - {id: c, parent: p, states: {b: y}}', '  - {id: g, parent: c}') });
    expect(plan.segments.has('p')).toBe(false);
    expect({ ...plan.segments.get('g')!.states }).toEqual({ b: 'y' });
    expect(plan.segments.get('g')!.states).toBe(plan.segments.get('c')!.states);
  });

  it('a chain 20,000 deep where each level adds a state key is built without copying the maps of every level', () => {
    const lines = ['segments:', '  - {id: s0, states: {k0: v0}, events: {signup: 2026-01-01}}'];
    for (let index = 1; index < 20_000; index += 1) lines.push(`  - {id: s${index}, parent: s${index - 1}, states: {k${index}: v${index}}}`);
    const { plan, problems } = model({ 's.yaml': yaml(...lines) });
    expect(problems).toEqual([]);
    // Copying would be 200 million entries; reading one segment's states is its own chain only.
    const leaf = plan.segments.get('s19999')!;
    expect(Object.keys(leaf.states)).toHaveLength(20_000);
    expect(leaf.states.k0).toBe('v0');
    expect(leaf.states.k19999).toBe('v19999');
    expect(Object.keys(plan.segments.get('s10')!.states)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10']);
    expect(leaf.events).toBe(plan.segments.get('s0')!.events);
    expect([...plan.states.get('k0')!]).toEqual(['v0']);
    expect([...plan.states.get('k19999')!]).toEqual(['v19999']);
  });
});

describe('segments: overlaps', () => {
  it('are symmetric: declared on one side, visible on both, never twice', () => {
    const { plan, problems } = model({
      's.yaml': yaml('segments:', '  - id: a', '    overlaps: [b, c]', '  - id: b', '    overlaps: [a]', '  - id: c'),
    });
    expect(problems).toEqual([]);
    expect(plan.segments.get('a')!.overlaps).toEqual(['b', 'c']);
    expect(plan.segments.get('b')!.overlaps).toEqual(['a']);
    expect(plan.segments.get('c')!.overlaps).toEqual(['a']);
  });

  it('report an unknown segment at its list item, with a did-you-mean', () => {
    expect(problemsOf({ 's.yaml': yaml('segments:', '  - id: vip', '  - id: a', '    overlaps: [vip, vips, zzzzzz]') })).toEqual([
      at('unknown-reference', 'unknown segment "vips"; did you mean "vip"?', 's.yaml', 4, 21),
      at('unknown-reference', 'unknown segment "zzzzzz"', 's.yaml', 4, 27),
    ]);
  });
});

describe('segments: parents', () => {
  it('reports a two-segment cycle once, and not for a segment below the cycle', () => {
    const { plan, problems } = model({
      's.yaml': yaml(
        'segments:',
        '  - id: below',
        '    parent: a',
        '  - id: a',
        '    parent: b',
        '    states: {lease: active}',
        '  - id: b',
        '    parent: a',
        '    timezone: Europe/Paris',
      ),
    });
    expect(brief(problems)).toEqual([at('invalid-input', 'segment parents form a cycle: a → b → a', 's.yaml', 5, 13)]);
    // still usable: no hang, and every segment is in the plan
    expect([...plan.segments.keys()].sort()).toEqual(['a', 'b', 'below']);
  });

  it('reports the cycle once whichever segment of it comes first', () => {
    const problems = problemsOf({ 's.yaml': yaml('segments:', '  - id: b', '    parent: a', '  - id: a', '    parent: b', '  - id: below', '    parent: b') });
    expect(problems).toEqual([at('invalid-input', 'segment parents form a cycle: b → a → b', 's.yaml', 3, 13)]);
  });

  it('reports a three-segment cycle once', () => {
    const problems = problemsOf({ 's.yaml': yaml('segments:', '  - {id: a, parent: b}', '  - {id: b, parent: c}', '  - {id: c, parent: a}') });
    expect(problems).toEqual([at('invalid-input', 'segment parents form a cycle: a → b → c → a', 's.yaml', 2, 21)]);
  });

  it('reports a segment that is its own parent', () => {
    const { plan, problems } = model({ 's.yaml': yaml('segments:', '  - id: a', '    parent: a') });
    expect(brief(problems)).toEqual([at('invalid-input', 'segment parents form a cycle: a → a', 's.yaml', 3, 13)]);
    expect(plan.segments.get('a')!.children).toEqual([]);
  });

  it('reports an unknown parent with a did-you-mean, and none when nothing is close', () => {
    const { plan, problems } = model({
      's.yaml': yaml('segments:', '  - id: lessees', '  - id: a', '    parent: lesees', '  - id: b', '    parent: prospects'),
    });
    expect(brief(problems)).toEqual([
      at('unknown-reference', 'unknown segment "lesees"; did you mean "lessees"?', 's.yaml', 4, 13),
      at('unknown-reference', 'unknown segment "prospects"', 's.yaml', 6, 13),
    ]);
    expect(plan.segments.get('a')!.parent).toBeUndefined();
    expect(plan.segments.get('lessees')!.children).toEqual([]);
  });
});

describe('segments: checked values', () => {
  it('reports an unknown time zone at the value, in timezone and in timezones', () => {
    expect(
      problemsOf({
        's.yaml': yaml('segments:', '  - id: a', '    timezone: Europe/Pariss', '  - id: b', '    timezones: [Asia/Tokyo, Mars/Olympus]'),
      }),
    ).toEqual([
      at('invalid-input', 'unknown time zone "Europe/Pariss"; use an IANA name such as Europe/Paris or America/Chicago', 's.yaml', 3, 15),
      at('invalid-input', 'unknown time zone "Mars/Olympus"; use an IANA name such as Europe/Paris or America/Chicago', 's.yaml', 5, 29),
    ]);
  });

  it('reports timezone and timezones together', () => {
    expect(problemsOf({ 's.yaml': yaml('segments:', '  - id: a', '    timezone: Asia/Tokyo', '    timezones: [Asia/Tokyo]') })).toEqual([
      at('invalid-input', 'give timezone or timezones, not both', 's.yaml', 4, 16),
    ]);
  });

  it('reports an impossible event date at the date, and drops that event', () => {
    const { plan, problems } = model({ 's.yaml': yaml('segments:', '  - id: a', '    events:', '      lease_end: 2026-02-30', '      signup: 2026-02-28') });
    expect(brief(problems)).toEqual([
      at('invalid-input', '"2026-02-30" is not a real date (day 30 does not exist in that month)', 's.yaml', 4, 18),
    ]);
    expect([...plan.segments.get('a')!.events.keys()]).toEqual(['signup']);
  });

  it('reports an unknown event name at the key, with a did-you-mean', () => {
    const { plan, problems } = model({
      's.yaml': yaml('segments:', '  - id: a', '    events:', '      lease_ends: 2026-06-30', '      birthday: 2026-07-01', '      signup: 2026-01-01'),
    });
    expect(brief(problems)).toEqual([
      at('unknown-reference', 'unknown event "lease_ends"; did you mean "lease_end"? ' + knownWords('event'), 's.yaml', 4, 7),
      at('unknown-reference', 'unknown event "birthday". ' + knownWords('event'), 's.yaml', 5, 7),
    ]);
    expect([...plan.segments.get('a')!.events.keys()]).toEqual(['signup']);
  });

  it('accepts an event the config adds to the lifecycle', () => {
    const { problems, plan } = model({ 's.yaml': yaml('segments:', '  - id: a', '    events: {birthday: 2026-07-01}') }, (() => {
      const vocabulary = model({}).plan.vocabulary;
      vocabulary.lifecycle.set('birthday', { sets: Object.create(null) });
      return vocabulary;
    })());
    expect(problems).toEqual([]);
    expect(plan.segments.get('a')!.events.get('birthday')!.date).toEqual({ local: '2026-07-01', hasTime: false });
  });

  it('reports an unknown consent channel at its list item', () => {
    expect(problemsOf({ 's.yaml': yaml('segments:', '  - id: a', '    consent: [email, emial, pigeon]') })).toEqual([
      at('unknown-reference', 'unknown channel "emial"; did you mean "email"? ' + knownWords('channel'), 's.yaml', 3, 22),
      at('unknown-reference', 'unknown channel "pigeon". ' + knownWords('channel'), 's.yaml', 3, 29),
    ]);
  });

  it('reads state values of any scalar type as text', () => {
    const { plan } = model({ 's.yaml': yaml('segments:', '  - id: a', '    states: {vip: true, tier: 2, lease: active}') });
    expect({ ...plan.segments.get('a')!.states }).toEqual({ vip: 'true', tier: '2', lease: 'active' });
    expect([...plan.states.get('vip')!]).toEqual(['true']);
  });
});
