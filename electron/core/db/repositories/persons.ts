import type { Membership, MembershipRole, Person, PersonFields } from '../../../shared/persons.js';
import type { SqlClient } from '../sql-client.js';
import type { MembershipRepository, NewMembership, PersonRepository, PersonUse } from './types.js';

interface PersonRow { id: number; key: string; name: string; form_of_address: Person['formOfAddress']; title: string; affiliation: string; email: string }
const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  key: r.key,
  name: r.name,
  formOfAddress: r.form_of_address,
  title: r.title,
  affiliation: r.affiliation,
  email: r.email,
});

export class SqlPersonRepository implements PersonRepository {
  constructor(private readonly sql: SqlClient) {}
  async list(): Promise<Person[]> {
    return (await this.sql.all<PersonRow>('SELECT * FROM person ORDER BY name, id')).map(toPerson);
  }
  async get(id: number): Promise<Person | null> {
    const r = await this.sql.get<PersonRow>('SELECT * FROM person WHERE id = ?', [id]);
    return r ? toPerson(r) : null;
  }
  async byKey(key: string): Promise<Person | null> {
    const r = await this.sql.get<PersonRow>('SELECT * FROM person WHERE key = ?', [key]);
    return r ? toPerson(r) : null;
  }
  async insert(p: PersonFields & { key: string }): Promise<Person> {
    const { id } = (await this.sql.get<{ id: number }>(
      'INSERT INTO person (key, name, form_of_address, title, affiliation, email) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
      [p.key, p.name, p.formOfAddress, p.title, p.affiliation, p.email],
    ))!;
    return (await this.get(id))!;
  }
  async update(p: Person): Promise<Person> {
    await this.sql.run('UPDATE person SET key = ?, name = ?, form_of_address = ?, title = ?, affiliation = ?, email = ? WHERE id = ?', [
      p.key, p.name, p.formOfAddress, p.title, p.affiliation, p.email, p.id,
    ]);
    return (await this.get(p.id))!;
  }
  async delete(id: number): Promise<void> {
    await this.sql.run('UPDATE membership SET represents_person_id = NULL WHERE represents_person_id = ?', [id]);
    await this.sql.run('DELETE FROM person WHERE id = ?', [id]);
  }
  async use(id: number): Promise<PersonUse> {
    // Every Sitzung whose Niederschrift names the person: attendance, Vorsitz, Schriftführung, Befangenheit.
    const meetings = await this.sql.all<{ id: number; start: string }>(
      `SELECT id, start FROM meeting WHERE id IN (
         SELECT meeting_id FROM attendance WHERE person_id = ? OR represents_person_id = ?
         UNION SELECT id FROM meeting WHERE chair_person_id = ? OR recorder_person_id = ?
         UNION SELECT a.meeting_id FROM vote_conflict v JOIN agenda_item a ON a.id = v.agenda_item_id WHERE v.person_id = ?)
       ORDER BY start, id`,
      [id, id, id, id, id],
    );
    const memberships = (await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM membership WHERE person_id = ?', [id]))!.n;
    return { meetings, memberships: Number(memberships) };
  }
}

interface MembershipRow {
  id: number; committee_id: number; person_id: number; role: MembershipRole; represents_person_id: number | null;
  from_date: string; until_date: string | null; position: number;
}
const toMembership = (r: MembershipRow): Membership => ({
  id: r.id,
  committeeId: r.committee_id,
  personId: r.person_id,
  role: r.role,
  representsPersonId: r.represents_person_id,
  from: r.from_date,
  until: r.until_date,
  position: r.position,
});

export class SqlMembershipRepository implements MembershipRepository {
  constructor(private readonly sql: SqlClient) {}
  async forCommittee(committeeId: number): Promise<Membership[]> {
    return (await this.sql.all<MembershipRow>('SELECT * FROM membership WHERE committee_id = ? ORDER BY position, id', [committeeId])).map(toMembership);
  }
  async forPerson(personId: number): Promise<Membership[]> {
    return (await this.sql.all<MembershipRow>('SELECT * FROM membership WHERE person_id = ? ORDER BY from_date, id', [personId])).map(toMembership);
  }
  async get(id: number): Promise<Membership | null> {
    const r = await this.sql.get<MembershipRow>('SELECT * FROM membership WHERE id = ?', [id]);
    return r ? toMembership(r) : null;
  }
  async insert(m: NewMembership): Promise<Membership> {
    const position =
      m.position ?? ((await this.sql.get<{ p: number | null }>('SELECT MAX(position) AS p FROM membership WHERE committee_id = ?', [m.committeeId]))!.p ?? -1) + 1;
    const { id } = (await this.sql.get<{ id: number }>(
      `INSERT INTO membership (committee_id, person_id, role, represents_person_id, from_date, until_date, position)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [m.committeeId, m.personId, m.role, m.representsPersonId, m.from, m.until, position],
    ))!;
    return (await this.get(id))!;
  }
  async setUntil(id: number, until: string | null): Promise<Membership> {
    await this.sql.run('UPDATE membership SET until_date = ? WHERE id = ?', [until, id]);
    return (await this.get(id))!;
  }
  async reorder(committeeId: number, orderedIds: number[]): Promise<void> {
    for (const [i, id] of orderedIds.entries()) await this.sql.run('UPDATE membership SET position = ? WHERE id = ? AND committee_id = ?', [i, id, committeeId]);
  }
}
