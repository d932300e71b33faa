import { describe, expect, it } from 'vitest';
import evidenceTemplates from './evidence-templates.json' with { type: 'json' };
import localHistory from './local-history.json' with { type: 'json' };
import organisation from './organisation.json' with { type: 'json' };
import { demoData, parseDemoData } from './demo-data.js';

const raw = { organisation, templates: evidenceTemplates, local: localHistory };

describe('the demo data files', () => {
  it('hold five teams, every team with people of several levels, and templates for each kind of author', () => {
    const data = demoData();
    expect(data.organisation.teams).toHaveLength(5);
    for (const team of data.organisation.teams)
      expect(new Set(team.members.map((m) => m.tier)).size).toBeGreaterThan(2);
    expect(data.templates.engineer.length).toBeGreaterThan(20);
    expect(data.templates.manager.length).toBeGreaterThan(5);
    expect(data.local.assessments.at(-1)?.kind).toBe('manager');
  });

  it('refuse a malformed file, naming the file and the field', () => {
    const broken = structuredClone(raw);
    (broken.organisation.teams[1]?.members[0] as { tier: unknown }).tier = 7;
    expect(() => parseDemoData(broken)).toThrow(/organisation\.json is malformed: teams\.1\.members\.0\.tier/);
  });

  it('refuse a template that names a shared body that does not exist', () => {
    const broken = structuredClone(raw);
    (broken.templates.engineer[0] as { body?: unknown }).body = { shared: 'no-such-body' };
    expect(() => parseDemoData(broken)).toThrow('engineer.0.body names no shared body "no-such-body"');
  });
});
