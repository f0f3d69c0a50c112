import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/templates';
import { child, findAll, parseXml, type XmlElement } from './xml-tree';

/**
 * Offline check of manifest.xml. The official validator (office-addin-manifest validate) posts the
 * manifest to a Microsoft service, so the structure the schema requires is checked here instead.
 */
const text = readFileSync(path.join(REPO, 'manifest.xml'), 'utf8');
const root = parseXml(text);
const value = (e: XmlElement | undefined) => e?.attrs.DefaultValue;
const CYRILLIC = /[А-Яа-яЁё]/;

describe('manifest.xml', () => {
  it('is a well-formed Excel task pane manifest in the order the schema requires', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.attrs.xmlns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    const order = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides'];
    expect(root.children.map((c) => c.name)).toEqual(order);
    expect(child(root, 'Id')!.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(root, 'Version')!.text).toMatch(/^\d{1,5}(\.\d{1,5}){3}$/);
    expect(child(root, 'DefaultLocale')!.text).toBe('ru-RU');
    expect(child(root, 'Permissions')!.text).toBe('ReadWriteDocument');
    expect(child(child(root, 'Hosts')!, 'Host')!.attrs.Name).toBe('Workbook');
  });

  it('needs only ExcelApi 1.1', () => {
    const sets = findAll(child(root, 'Requirements')!, 'Set');
    expect(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([['ExcelApi', '1.1']]);
  });

  it('opens the task pane from https://localhost:3000/taskpane.html', () => {
    expect(value(child(child(root, 'DefaultSettings')!, 'SourceLocation'))).toBe('https://localhost:3000/taskpane.html');
    const urls = [...text.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\/localhost:3000\//);
  });

  it('shows Russian names, descriptions and labels by default and for ru-RU', () => {
    expect(value(child(root, 'DisplayName'))).toMatch(CYRILLIC);
    expect(value(child(root, 'Description'))).toMatch(CYRILLIC);
    expect(value(child(root, 'ProviderName')) ?? child(root, 'ProviderName')!.text).toMatch(CYRILLIC);
    const groups: [XmlElement, number][] = [
      [findAll(root, 'ShortStrings')[0], 125],
      [findAll(root, 'LongStrings')[0], 250],
    ];
    let count = 0;
    for (const [group, limit] of groups)
      for (const s of group.children) {
        count++;
        expect(s.attrs.DefaultValue).toMatch(CYRILLIC);
        expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(limit);
        const ru = s.children.find((o) => o.attrs.Locale === 'ru-RU');
        expect(ru?.attrs.Value).toMatch(CYRILLIC);
      }
    expect(count).toBeGreaterThanOrEqual(4);
  });

  it('puts a button on the Home tab that shows the task pane, every resid defined once', () => {
    const overrides = child(root, 'VersionOverrides')!;
    expect(overrides.attrs.xmlns).toBe('http://schemas.microsoft.com/office/taskpaneappversionoverrides');
    expect(overrides.attrs['xsi:type']).toBe('VersionOverridesV1_0');
    const tab = findAll(overrides, 'OfficeTab')[0];
    expect(tab.attrs.id).toBe('TabHome');
    const button = findAll(tab, 'Control')[0];
    expect(button.attrs['xsi:type']).toBe('Button');
    expect(findAll(button, 'Action')[0].attrs['xsi:type']).toBe('ShowTaskpane');

    const resources = child(overrides, 'Resources')!;
    const defined = resources.children.flatMap((group) => group.children.map((r) => r.attrs.id));
    expect(new Set(defined).size).toBe(defined.length);
    const used = [...text.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of used) expect(defined).toContain(id);
    for (const id of defined) expect(id.length).toBeLessThanOrEqual(32);
    const ids = findAll(overrides, 'Group').concat(findAll(overrides, 'Control')).map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every icon it names in assets/, as PNGs of the declared size', () => {
    const images = findAll(root, 'Image').filter((i) => i.attrs.DefaultValue);
    const icons = [value(child(root, 'IconUrl')), value(child(root, 'HighResolutionIconUrl')), ...images.map((i) => i.attrs.DefaultValue)];
    for (const url of icons) {
      const file = path.join(REPO, new URL(url!).pathname);
      expect(existsSync(file)).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      const size = Number(/icon-(\d+)\.png$/.exec(file)![1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    for (const button of findAll(root, 'Image').filter((i) => i.attrs.size)) expect(button.attrs.resid).toMatch(new RegExp(`\\.${button.attrs.size}$`));
  });
});
