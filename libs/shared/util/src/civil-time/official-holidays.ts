/**
 * Mainland China's statutory holidays and make-up working days (调休), year by year, as the State Council General
 * Office announced them (国务院办公厅关于…部分节假日安排的通知). `holidays` are the days off that are not already a
 * weekend; `workingWeekends` are Saturdays and Sundays that are working days. A year's notice usually also names the
 * New Year days at the turn of the year: they are listed under the calendar year they fall in.
 * An officer adds a newly published year through the calendar API (a new version of the calendar); these are the
 * years the platform ships with.
 */
export interface OfficialYearData {
  year: number;
  /** The notice it comes from. */
  source: string;
  /** Days off, Monday to Friday (weekends are rest days anyway), as YYYY-MM-DD. */
  holidays: string[];
  /** Weekend days that are working days, as YYYY-MM-DD. */
  workingWeekends: string[];
}

/** Consecutive days from `from`, keeping only Monday to Friday (the weekdays a holiday run takes off). */
function weekdaysOf(from: string, days: number): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  for (let i = 0; i < days; i++, d.setUTCDate(d.getUTCDate() + 1)) {
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

export const CN_OFFICIAL_HOLIDAYS: readonly OfficialYearData[] = [
  {
    year: 2018,
    source: '国办发明电〔2017〕12号; New Year 2019 from 国办发明电〔2018〕15号',
    holidays: [
      '2018-01-01',
      ...weekdaysOf('2018-02-15', 7),
      ...weekdaysOf('2018-04-05', 3),
      ...weekdaysOf('2018-04-29', 3),
      ...weekdaysOf('2018-06-16', 3),
      ...weekdaysOf('2018-09-22', 3),
      ...weekdaysOf('2018-10-01', 7),
      '2018-12-31',
    ],
    workingWeekends: ['2018-02-11', '2018-02-24', '2018-04-08', '2018-04-28', '2018-09-29', '2018-09-30', '2018-12-29'],
  },
  {
    year: 2019,
    source: '国办发明电〔2018〕15号, Labour Day as amended by 国办发明电〔2019〕2号',
    holidays: ['2019-01-01', ...weekdaysOf('2019-02-04', 7), '2019-04-05', ...weekdaysOf('2019-05-01', 4), '2019-06-07', '2019-09-13', ...weekdaysOf('2019-10-01', 7)],
    workingWeekends: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  },
  {
    year: 2020,
    source: '国办发明电〔2019〕16号; Spring Festival extended to 2 February by 国办发明电〔2020〕1号',
    holidays: ['2020-01-01', ...weekdaysOf('2020-01-24', 10), '2020-04-06', ...weekdaysOf('2020-05-01', 5), ...weekdaysOf('2020-06-25', 2), ...weekdaysOf('2020-10-01', 8)],
    workingWeekends: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  {
    year: 2021,
    source: '国办发明电〔2020〕27号',
    holidays: ['2021-01-01', ...weekdaysOf('2021-02-11', 7), '2021-04-05', ...weekdaysOf('2021-05-01', 5), '2021-06-14', ...weekdaysOf('2021-09-19', 3), ...weekdaysOf('2021-10-01', 7)],
    workingWeekends: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    source: '国办发明电〔2021〕11号',
    holidays: ['2022-01-03', ...weekdaysOf('2022-01-31', 7), ...weekdaysOf('2022-04-04', 2), ...weekdaysOf('2022-05-02', 3), '2022-06-03', '2022-09-12', ...weekdaysOf('2022-10-01', 7)],
    workingWeekends: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    source: '国办发明电〔2022〕16号',
    holidays: ['2023-01-02', ...weekdaysOf('2023-01-21', 7), '2023-04-05', ...weekdaysOf('2023-04-29', 5), ...weekdaysOf('2023-06-22', 2), ...weekdaysOf('2023-09-29', 8)],
    workingWeekends: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    source: '国办发明电〔2023〕7号',
    holidays: ['2024-01-01', ...weekdaysOf('2024-02-10', 8), ...weekdaysOf('2024-04-04', 3), ...weekdaysOf('2024-05-01', 5), '2024-06-10', ...weekdaysOf('2024-09-15', 3), ...weekdaysOf('2024-10-01', 7)],
    workingWeekends: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    source: '国办发明电〔2024〕12号',
    holidays: ['2025-01-01', ...weekdaysOf('2025-01-28', 8), '2025-04-04', ...weekdaysOf('2025-05-01', 5), '2025-06-02', ...weekdaysOf('2025-10-01', 8)],
    workingWeekends: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国办发明电〔2025〕7号',
    holidays: [
      ...weekdaysOf('2026-01-01', 3),
      ...weekdaysOf('2026-02-15', 9),
      ...weekdaysOf('2026-04-04', 3),
      ...weekdaysOf('2026-05-01', 5),
      ...weekdaysOf('2026-06-19', 3),
      ...weekdaysOf('2026-09-25', 3),
      ...weekdaysOf('2026-10-01', 7),
    ],
    workingWeekends: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
