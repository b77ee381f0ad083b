import { describe, expect, it } from 'vitest';
import { wrapUntaggedContent } from '../../../../electron/core/export/pdf/archival/content-artifacts.js';
import { scanContent } from './archival-checker.js';

/** Untagged content becomes an artifact (Matterhorn 01-005), marked only where PDF syntax allows. */
describe('wrapUntaggedContent', () => {
  it('wraps what Chromium leaves outside the tree and leaves tagged content as it is', () => {
    const content = [
      'q 0 0 0 RG 10 10 m 200 10 l S Q', // a rule
      '/P <</MCID 0 >>BDC BT /F1 11 Tf 1 0 0 1 50 700 Tm <0036> Tj ET EMC', // tagged text
      'BT /F1 8 Tf 1 0 0 1 280 20 Tm (Seite 1 von 2) Tj ET', // the page-number margin box
    ].join('\n');
    expect(scanContent(content).untagged).toEqual(['S', 'Tj']);
    const wrapped = wrapUntaggedContent(content)!;
    expect(scanContent(wrapped)).toEqual({ untagged: [], mcids: [0], cmyk: false });
    // The path object stays whole, the artifact inside the text object.
    expect(wrapped).toContain('/Artifact BMC\n10 10 m 200 10 l S');
    expect(wrapped).toContain('BT /F1 8 Tf 1 0 0 1 280 20 Tm /Artifact BMC\n(Seite 1 von 2) Tj \nEMC\nET');
    expect(wrapped).toContain('/P <</MCID 0 >>BDC BT /F1 11 Tf 1 0 0 1 50 700 Tm <0036> Tj ET EMC');
  });

  it('is not fooled by operators inside strings, names, comments or inline image data', () => {
    const content = [
      '/P <</MCID 1>> BDC BT (EMC \\) BDC) Tj ET EMC', // tagged, a string naming operators
      '% EMC re f in a comment',
      'q BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EMC EI Q', // inline image whose data holds "EMC"
      '/Artifact BMC 0 0 5 5 re f EMC',
    ].join('\n');
    const wrapped = wrapUntaggedContent(content)!;
    expect(scanContent(wrapped)).toEqual({ untagged: [], mcids: [1], cmyk: false });
    // The artifact stays open until the next marked-content operator, so it takes the Q along.
    expect(wrapped).toContain('q /Artifact BMC\nBI /W 2 /H 1 /CS /G /BPC 8 ID \x00EMC EI Q\n\nEMC\n/Artifact BMC 0 0 5 5 re f EMC');
  });

  it('changes nothing when everything is tagged or an artifact', () => {
    expect(wrapUntaggedContent('/Artifact <</Type /Pagination>> BDC BT (1) Tj ET EMC /Span <</MCID 0>> BDC BT (a) Tj ET EMC')).toBeNull();
  });

  it('wraps content inside optional content, which is neither tagged nor an artifact', () => {
    const wrapped = wrapUntaggedContent('/OC /oc1 BDC 0 0 5 5 re f EMC')!;
    expect(wrapped).toBe('/OC /oc1 BDC /Artifact BMC\n0 0 5 5 re f \nEMC\nEMC');
    expect(scanContent(wrapped).untagged).toEqual([]);
  });
});
