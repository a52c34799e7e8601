import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/**
 * A year of the official holiday calendar published after the platform was built (the years it ships with are in
 * @sop/util). Every service keeps its own copy, filled from registration's CalendarYearPublished events.
 */
@Entity({ name: 'official_calendar_year' })
export class OfficialCalendarYearOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 }) calendarId: string;
  @PrimaryColumn({ type: 'int' }) year: number;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 500 }) source: string;
  /** JSON array of YYYY-MM-DD (Beijing dates). */
  @Column({ type: 'text' }) holidays: string;
  /** JSON array of YYYY-MM-DD (Beijing dates). */
  @Column({ type: 'text' }) workingWeekends: string;
  @Column({ ...DATETIME6 }) publishedAt: Date;
}
