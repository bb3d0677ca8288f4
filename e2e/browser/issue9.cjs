// Issue 9 in the sidebar, in Chromium: goals on the match card, the
// coordinator's insight (charts, at-risk reasons, nudge, CSV) and the
// resource hub. Run by issue9_browser_test.go, which seeds the data and passes
// MENTEE, MENTOR, COORD, MATCH_ID, PROGRAM_ID, PROGRAM_SLUG.
const {env, check, shot, login, run} = require('./common.cjs');
const tid = (id) => `[data-testid="${id}"]`;

// The widths (in %) of the progress fills inside a goal card.
const fillWidth = (card) => card.locator(tid('progress-fill')).evaluate((el) => parseFloat(el.style.width));
// Heights of a chart's bars.
const barHeights = (page, chart) => page.locator(`${tid(chart)} rect[data-testid=bar]`).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));

run('issue9', async (browser) => {
    // The mentee adds a goal with two milestones and ticks one.
    const {page: p} = await login(browser, env.MENTEE, {width: 1100, height: 1600});
    await p.waitForSelector(tid('goals-' + env.MATCH_ID));
    const seeded = await p.locator(`${tid('goals-' + env.MATCH_ID)} [data-testid^="goal-progress-"]`).count();
    check(seeded === 2, 'the two seeded goals are on the match card');
    await p.click(tid('goal-add-' + env.MATCH_ID));
    const form = 'goal-form-' + env.MATCH_ID;
    await p.fill(tid(form + '-title'), 'Practice public speaking');
    await p.fill(tid(form + '-measure'), 'A talk at the team meeting');
    await p.fill(tid(form + '-milestones'), 'Pick a topic\nRehearse with my mentor');
    await p.click(tid(form + '-submit'));
    const card = p.locator('[data-testid^="goal-"]', {has: p.locator(tid('goal-title'), {hasText: 'Practice public speaking'})});
    await card.waitFor();
    const before = await fillWidth(card);
    check(before === 0, 'a new goal starts at 0%');
    await card.locator('input[data-testid^="milestone-"]').first().check();
    // The bar is found the way assistive tech names it.
    await p.waitForFunction(() => document.querySelector('[role=progressbar][aria-label="Progress of Practice public speaking"]')?.getAttribute('aria-valuenow') !== '0');
    const after = await fillWidth(card);
    console.log('progress before/after the milestone:', before, after);
    check(after === 50, 'ticking one of two milestones moves the bar to 50%');
    check(await card.locator('[role=progressbar]').getAttribute('aria-valuenow') === '50', 'the progress bar says 50 to assistive tech');
    await card.scrollIntoViewIfNeeded();
    await shot(p, 'goals');

    // The coordinator's insight for the program.
    const {page: c} = await login(browser, env.COORD, {width: 1100, height: 2200});
    await c.waitForSelector(tid('mentorship-rhs'));
    await c.click(tid('tab-coordinator'));
    await c.locator(tid('coord-' + env.PROGRAM_SLUG)).locator(tid('coord-insight-toggle')).click();
    const sessionsChart = 'chart-sessions-' + env.PROGRAM_ID;
    // Bars of empty weeks have no height (not "visible"): wait for them in the DOM.
    await c.waitForSelector(`${tid(sessionsChart)} rect[data-testid=bar]`, {state: 'attached'});
    const sessions = await barHeights(c, sessionsChart);
    console.log('sessions per week:', JSON.stringify(sessions));
    check(sessions.length === 12, 'twelve weekly bars of sessions');
    check(sessions[11] > 0 && sessions.slice(0, 11).every((h) => h === 0), 'this week\'s bar shows the meeting held, the earlier weeks none');
    const goals = await barHeights(c, 'chart-goals-' + env.PROGRAM_ID);
    const goalValues = await c.locator(`${tid('chart-goals-' + env.PROGRAM_ID)} rect[data-testid=bar]`).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-value')));
    console.log('goal buckets:', JSON.stringify(goalValues), JSON.stringify(goals));
    check(goals.length === 5, 'five progress buckets');
    // Seeded at 10% and 70%, the browser's goal at 50%: one each in 0–19, 40–59 and 60–79.
    check(JSON.stringify(goalValues) === '["1","0","1","1","0"]', 'open goals counted in their progress buckets');
    check(goals[0] > 0 && goals[1] === 0, 'bucket bars are as tall as their counts');
    const answers = await c.locator(`${tid('chart-checkins-' + env.PROGRAM_ID)} rect[data-testid=bar]`).evaluateAll((rs) =>
        rs.map((r) => [r.getAttribute('data-value'), Number(r.getAttribute('height'))]));
    check(answers.length === 36, 'check-in answers: three stacked series over twelve weeks');
    check(JSON.stringify(answers.slice(33).map((a) => a[0])) === '["1","0","1"]', 'this week: one great, one struggling');
    check(answers[33][1] > 0 && answers[35][1] > 0, 'the stacked segments have height');
    check(await c.locator(`${tid(sessionsChart)} svg[role=img]`).getAttribute('aria-label') === 'Sessions held per week', 'the chart is labelled for screen readers');
    await c.click(tid(sessionsChart + '-table-toggle'));
    check((await c.locator(tid(sessionsChart + '-table')).locator('tbody tr').count()) === 12, 'the table alternative has a row per week');

    const risk = c.locator(tid('at-risk-' + env.MATCH_ID));
    // Names arrive after the list (one users lookup): wait for the mentee's.
    await risk.locator(tid('risk-reason'), {hasText: '@' + env.MENTEE}).waitFor();
    const reasons = await risk.locator(tid('risk-reason')).allTextContents();
    console.log('at-risk reasons:', JSON.stringify(reasons));
    check(reasons.some((r) => r === `@${env.MENTEE} answered “struggling” to the latest check-in`), 'the struggling reason names the mentee');
    check(reasons.includes('Low rating: 1 of 5'), 'the low rating reason');
    check((await c.locator(tid('tile-sessions')).locator(tid('tile-value')).textContent()) === '1', 'the sessions tile counts the meeting held');
    await c.locator(tid('chart-checkins-' + env.PROGRAM_ID)).scrollIntoViewIfNeeded();
    await shot(c, 'insight-charts');

    await risk.locator(tid('nudge-' + env.MATCH_ID)).click();
    await c.waitForSelector(tid('nudged-' + env.MATCH_ID));
    console.log('after the nudge:', await c.locator(tid('nudged-' + env.MATCH_ID)).textContent());
    await risk.locator(tid('nudge-' + env.MATCH_ID)).click();
    await c.waitForSelector(`${tid('nudged-' + env.MATCH_ID)}:has-text("Nudged already")`);
    check(true, 'a second nudge the same day shows "nudged already"');

    // Links may be relative (no Site URL): resolve them against the page.
    const absolute = async (locator) => new URL(await locator.getAttribute('href'), c.url()).toString();
    const csv = await c.request.get(await absolute(c.locator(tid('export-goals'))));
    const body = await csv.text();
    check(csv.status() === 200 && body.includes('Practice public speaking'), 'the goals CSV link downloads the goals');

    // The resource hub: the coordinator adds, finds, opens and shares a resource.
    await c.click(tid('tab-resources'));
    await c.click(tid('resources-add-' + env.PROGRAM_ID));
    const rform = 'resource-form-' + env.PROGRAM_ID;
    await c.fill(tid(rform + '-title'), 'Mentoring conversations guide');
    await c.fill(tid(rform + '-url'), 'https://guide.example/conversations');
    await c.fill(tid(rform + '-description'), 'How to run a first meeting and keep the rhythm.');
    await c.fill(tid(rform + '-tags'), 'meetings, onboarding');
    await c.click(tid(rform + '-submit'));
    await c.waitForSelector(tid('resources-notice'));
    await c.fill(tid('resources-search'), 'first meeting');
    await c.click(tid('resources-search-submit'));
    const item = c.locator('[data-testid^="resource-"]', {has: c.locator('a', {hasText: 'Mentoring conversations guide'})}).first();
    await item.waitFor();
    const href = await absolute(item.locator('a[data-testid^="resource-open-"]'));
    const opened = await c.request.get(href, {maxRedirects: 0});
    check(opened.status() === 302 && opened.headers()['location'] === 'https://guide.example/conversations', 'open redirects to the link');
    await item.locator('button[data-testid^="resource-share-"]').click();
    await c.fill('[data-testid^="share-"][data-testid$="-to"]', '@' + env.MENTEE);
    await c.click('[data-testid^="share-"][data-testid$="-submit"]');
    await c.waitForSelector('[data-testid^="resource-shared-"]');
    await c.waitForFunction(() => document.querySelector('[data-testid^="resource-"] [data-testid=resource-tag]') &&
        /1 view · 1 share/.test(document.querySelector('[data-testid=resources-list]').textContent));
    check(true, 'the view and the share are counted');
    await shot(c, 'resources');
});
