import type { Doc } from '../../../electron/shared/document';
import type { Paper } from '../../../electron/shared/schemas';

export const para = (text: string): Doc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export function paperFixture(overrides: Partial<Paper> = {}): Paper {
  return {
    id: 7,
    key: null,
    reference: '50/012/2025',
    departmentId: 1,
    template: 'sachstandsbericht',
    title: 'Kommunales Integrationsmanagement – Sachstand 2025',
    public: true,
    year: 2025,
    status: 'entwurf',
    predecessorId: null,
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:00:00.000Z',
    date: null,
    revision: 3,
    committeeIds: [],
    sections: { vorbemerkungen: para('Vorbemerkung alt'), erlaeuterungen: para('Erläuterung alt') },
    consultations: [],
    attachments: [],
    ...overrides,
  };
}
