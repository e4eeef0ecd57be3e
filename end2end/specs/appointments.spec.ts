// Service appointments: a new customer registers the Bosch washer, books a drop-off repair
// at the Warsaw centre step by step (the calendar and the times used with the keyboard),
// sees the confirmation in the centre's time zone, downloads the .ics, finds it in My
// appointments, reschedules it, then cancels it — on a phone and on a desktop.
import { test, expect, Page } from '@playwright/test';
import { isoDaysFromToday, noSidewaysScroll, shot, uniqueSerial } from '../support';
import { readFileSync } from 'node:fs';

const CENTRE = 'Aftercare Warszawa Mokotów';

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function signUpAndRegisterWasher(page: Page, project: string) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Ola Test');
  await page.getByLabel('Email address').fill(`ola-${project}-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('kettle-orbit-lantern');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(heading(page, 'My products')).toBeVisible();

  await page.getByRole('link', { name: 'Register a product' }).first().click();
  await page.getByLabel('Product model').fill('WAN28281');
  await page.getByRole('list', { name: 'Matching models' }).getByRole('button', { name: /Serie 4 WAN28281/ }).click();
  await page.getByLabel('Serial number').fill(uniqueSerial());
  await page.getByLabel('Purchase date').fill(isoDaysFromToday(-200));
  await page.getByLabel('Where you bought it').fill('MediaMarkt');
  await page.getByLabel('Country of purchase').selectOption('PL');
  await page.getByRole('button', { name: 'Register product' }).click();
  await expect(heading(page, /WAN28281/)).toBeVisible();
}

test('a customer books, reschedules and cancels a drop-off repair in Warsaw', async ({ page }, info) => {
  const project = info.project.name;
  await signUpAndRegisterWasher(page, project);

  // Appointments is in the navigation; with none yet, the empty state says what to do.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appointments' }).click();
  await expect(heading(page, 'My appointments')).toBeVisible();
  await expect(page.getByText('No appointments yet — book one')).toBeVisible();
  await page.goBack();
  await expect(heading(page, /WAN28281/)).toBeVisible();

  // Step 1: coming from the product page, the product is already chosen.
  await page.getByRole('link', { name: 'Book a service appointment' }).click();
  await expect(page.getByText('Step 1 of 5')).toBeVisible();
  await expect(page.getByRole('radio', { name: /WAN28281/ })).toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 2: the service, each with a one-line description. Continue without one is refused.
  await expect(page.getByText('Step 2 of 5')).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose what the appointment is for');
  await page.getByRole('radio', { name: 'Drop-off repair' }).check();
  await shot(page, `book-service-${project}`);
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 3: the centre, nearest to Warszawa first, with its cut-off stated.
  await expect(page.getByText('Step 3 of 5')).toBeVisible();
  await page.getByLabel('Near (city)').fill('Warszawa');
  await page.getByRole('button', { name: 'Sort by distance' }).click();
  const warsaw = page.getByRole('radio', { name: CENTRE });
  await expect(page.getByRole('radio').first()).toHaveAccessibleName(CENTRE);
  await expect(warsaw).toHaveAccessibleDescription(/Warszawa.*Next free: .*\(Europe\/Warsaw time\).*Changes and cancellations up to 24 hours before/);
  await warsaw.check();
  await noSidewaysScroll(page);
  await shot(page, `book-centre-${project}`);
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 4; Back keeps every answer.
  await expect(page.getByText('Step 4 of 5')).toBeVisible();
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.getByText('Step 3 of 5')).toBeVisible();
  await expect(page.getByRole('radio', { name: CENTRE })).toBeChecked();
  await expect(page.getByLabel('Near (city)')).toHaveValue('Warszawa');
  await page.getByRole('button', { name: 'Continue' }).click();

  // The calendar: days with room are buttons named with their free places. The first day
  // with room may fall inside the centre's 24-hour change cut-off, so the test books the
  // second one, which it can then reschedule and cancel.
  await expect(page.getByText('Step 4 of 5')).toBeVisible();
  const freeDays = page.getByRole('button', { name: /^\w+ \d+ \w+, \d+ free places?$/, disabled: false });
  await expect(freeDays.nth(1)).toBeVisible();
  await expect(page.getByRole('button', { name: /no free places$/ }).first()).toBeDisabled();
  const day = freeDays.nth(1);
  // Keyboard: Enter on a day, Tab to its first time, Enter.
  await day.focus();
  await page.keyboard.press('Enter');
  await expect(day).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Times are in Europe/Warsaw time')).toBeVisible();
  const times = page.getByRole('list', { name: /^Free times on / }).getByRole('button');
  const first = times.first();
  const box = await first.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  await noSidewaysScroll(page);
  await shot(page, `book-time-${project}`);
  const bookedTime = (await first.innerText()).trim();
  await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');

  // Step 5: check the answers, with the cut-off, then book.
  await expect(page.getByText('Step 5 of 5')).toBeVisible();
  await expect(page.getByText('Drop-off repair')).toBeVisible();
  await expect(page.getByText(CENTRE)).toBeVisible();
  await expect(page.getByText(`, ${bookedTime}–`)).toContainText('(Europe/Warsaw time)');
  await expect(page.getByText(/You can change or cancel up to 24 hours before: until .*\(Europe\/Warsaw time\)/)).toBeVisible();
  await page.getByLabel('Notes for the technician (optional)').fill('The drum squeaks when spinning.');
  await noSidewaysScroll(page);
  await shot(page, `book-check-${project}`);
  await page.getByRole('button', { name: 'Book appointment' }).click();

  // Confirmation: the reference, the time in the centre's zone, the calendar file.
  await expect(heading(page, 'Appointment booked')).toBeVisible();
  await expect(page.getByText(/Appointment #\d+/)).toBeVisible();
  await expect(page.getByText(`, ${bookedTime}–`)).toContainText('(Europe/Warsaw time)');
  await noSidewaysScroll(page);
  await shot(page, `book-confirmation-${project}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Add to your calendar (.ics)' }).click(),
  ]);
  const ics = readFileSync(await download.path(), 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('TZID:Europe/Warsaw');

  // My appointments: it is upcoming, booked.
  await page.getByRole('link', { name: 'Go to my appointments' }).click();
  await expect(heading(page, 'My appointments')).toBeVisible();
  const upcoming = page.getByRole('list', { name: 'Upcoming' });
  await expect(upcoming.getByText('Booked')).toBeVisible();
  await expect(upcoming.getByText(`, ${bookedTime}–`)).toContainText('(Europe/Warsaw time)');
  await noSidewaysScroll(page);
  await shot(page, `appointments-${project}`);

  // Reschedule to another time the same day: the current time is shown but not offered.
  await upcoming.getByRole('link', { name: 'Drop-off repair' }).click();
  await expect(heading(page, 'Drop-off repair')).toBeVisible();
  await expect(page.getByText(/You can change or cancel until .*\(Europe\/Warsaw time\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Choose another time' }).click();
  const newTimes = page.getByRole('list', { name: /^Free times on / }).getByRole('button', { disabled: false });
  await expect(page.getByRole('button', { name: `${bookedTime} (your current time)` })).toBeDisabled();
  const newTime = (await newTimes.first().innerText()).trim();
  expect(newTime).not.toBe(bookedTime);
  await newTimes.first().click();
  await page.getByRole('button', { name: 'Confirm new time' }).click();
  await expect(page.getByText(/Your appointment has been moved to .*\(Europe\/Warsaw time\)/)).toBeVisible();
  await expect(page.locator('dd', { hasText: `, ${newTime}–` })).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `appointment-${project}`);

  // Cancel, with a confirmation step; it moves to past, as Cancelled.
  await page.getByRole('button', { name: 'Cancel appointment' }).click();
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(heading(page, 'My appointments')).toBeVisible();
  await expect(page.getByText('Your appointment has been cancelled.')).toBeVisible();
  const past = page.getByRole('list', { name: 'Past' });
  await expect(past.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(page.getByText('No upcoming appointments.')).toBeVisible();
  await shot(page, `appointments-cancelled-${project}`);
});
