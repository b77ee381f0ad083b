// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import OParlSettingsForm from '../../renderer/src/components/einstellungen/OParlSettingsForm.vue';
import { fakeApi, flush, mountWithApp } from './helpers';

/** Issue 15: the OParl time zone and licences are set in Einstellungen, checked, and saved as the export reads them. */
const SETTINGS = { timeZone: 'Europe/Berlin', license: '', systemLicense: 'https://www.govdata.de/dl-de/by-2-0', legislativeTerms: [{ name: '2020–2025', startDate: '2020-11-01', endDate: '2025-10-31' }] };

afterEach(() => {
  document.body.innerHTML = '';
});

const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
};

describe('Einstellungen → Veröffentlichung (OParl)', () => {
  it('shows the saved settings with German labels, checks a typed licence address, and saves time zone and licences keeping the Wahlperioden', async () => {
    const saved: unknown[] = [];
    const { calls } = fakeApi({
      'koerperschaft.veroeffentlichung': () => SETTINGS,
      'koerperschaft.setVeroeffentlichung': (p) => {
        saved.push(p);
        return p;
      },
    });
    const wrapper = mountWithApp(OParlSettingsForm);
    await settle();
    const select = (id: string) => wrapper.find<HTMLSelectElement>(`#${id}`);
    const labelOf = (id: string) => wrapper.find(`label[for="${id}"]`).text();
    expect(labelOf('oparl-zone')).toBe('Zeitzone der Sitzungszeiten');
    expect(labelOf('oparl-license')).toBe('Lizenz der veröffentlichten Daten');
    expect(labelOf('oparl-systemLicense')).toBe('Lizenz der Systemangaben');
    expect(select('oparl-zone').element.value).toBe('Europe/Berlin');
    expect(select('oparl-license').element.value).toBe('');
    expect(select('oparl-systemLicense').element.value).toBe('https://www.govdata.de/dl-de/by-2-0');

    await select('oparl-zone').setValue('Europe/Vienna');
    await select('oparl-license').setValue('andere');
    const url = wrapper.find<HTMLInputElement>('#oparl-license-url');
    expect(labelOf('oparl-license-url')).toBe('Adresse der Lizenz');
    await url.setValue('javascript:alert(1)');
    expect(wrapper.find('[role="alert"]').text()).toMatch(/^Adresse der Lizenz: eine vollständige http\(s\)-Adresse erwartet/);
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined();
    await url.setValue('https://opendata.musterkreis.example/lizenz');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    await select('oparl-systemLicense').setValue('https://creativecommons.org/licenses/by/4.0/');

    await wrapper.find('form').trigger('submit');
    await settle();
    expect(saved).toEqual([
      { timeZone: 'Europe/Vienna', license: 'https://opendata.musterkreis.example/lizenz', systemLicense: 'https://creativecommons.org/licenses/by/4.0/', legislativeTerms: SETTINGS.legislativeTerms },
    ]);
    expect(calls.map((c) => c.method)).toEqual(['koerperschaft.veroeffentlichung', 'koerperschaft.setVeroeffentlichung']);
    wrapper.unmount();
  });

  it('shows the core’s German refusal (a Sitzung time that does not exist in the new zone) and keeps the form', async () => {
    fakeApi({
      'koerperschaft.veroeffentlichung': () => SETTINGS,
      'koerperschaft.setVeroeffentlichung': () => {
        throw Object.assign(new Error('Die Zeitzone kann nicht gewechselt werden: die Sitzung am 29.03.2026 um 02:30 gäbe es in „America/New_York“ nicht.'), { code: 'VALIDATION' });
      },
    });
    const wrapper = mountWithApp(OParlSettingsForm);
    await settle();
    await wrapper.find<HTMLSelectElement>('#oparl-zone').setValue('America/New_York');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.find('.inline-error').text()).toContain('gäbe es in „America/New_York“ nicht');
    expect(wrapper.find<HTMLSelectElement>('#oparl-zone').element.value).toBe('America/New_York');
    wrapper.unmount();
  });
});
