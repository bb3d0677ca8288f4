// Drives the plugin's sidebar in Chromium, loaded by the real Mattermost server
// through the host page (browser/host). Run by browser_test.go, which passes:
// BASE_URL, MEMBER, COORDINATOR, PASSWORD, OPEN_PROGRAM, APPROVAL_PROGRAM (slugs),
// OUT_DIR (screenshots) and PLAYWRIGHT_CORE (module path).
const {env, check, shot, login, run} = require('./common.cjs');

run('browser', async (browser) => {
    // Loading and error states, made visible by holding and failing requests.
    {
        const {context, page} = await login(browser, env.MEMBER);
        await page.route('**/plugins/mentorship/api/v1/me/programs', async (route) => {
            await new Promise((r) => setTimeout(r, 1500));
            await route.fulfill({status: 500, contentType: 'application/json', body: '{"error":"database unavailable"}'});
        });
        await page.reload();
        await page.waitForSelector('#rhs-body [role=status]');
        check((await page.textContent('#rhs-body')).includes('Loading your programs'), 'loading state is shown');
        await shot(page, '01-loading');
        await page.waitForSelector('#rhs-body [role=alert]');
        check((await page.textContent('#rhs-body [role=alert]')).includes('database unavailable'), 'error state shows the server error');
        await shot(page, '02-error');
        await page.unroute('**/plugins/mentorship/api/v1/me/programs');
        await page.click('text=Try again');
        await page.waitForSelector('[data-testid=mentorship-rhs]');
        check(true, 'retry recovers from the error');
        await context.close();
    }

    const {page} = await login(browser, env.MEMBER);
    await page.waitForSelector('[data-testid=mentorship-rhs]');
    check((await page.textContent('#rhs-body')).includes('You are not in any program yet'), 'empty state for my programs');
    const openCard = page.locator(`[data-testid=join-${env.OPEN_PROGRAM}]`);
    check(await openCard.isVisible(), 'the open program is offered to join');
    await shot(page, '03-programs');

    await openCard.locator('select').selectOption('mentor');
    await openCard.locator('button').click();
    const mine = page.locator(`[data-testid=mine-${env.OPEN_PROGRAM}]`);
    await mine.waitFor();
    check((await mine.textContent()).includes('Mentor'), 'joined with the chosen role');
    check((await mine.locator('[data-testid=status]').textContent()) === 'Active', 'the new enrollment is active');
    check((await page.textContent('#rhs-body')).includes('Check your DMs for a welcome'), 'join confirmation shown');
    await shot(page, '04-joined');

    await mine.locator('text=Pause').click();
    await page.waitForFunction((sel) => document.querySelector(sel + ' [data-testid=status]')?.textContent === 'Paused', `[data-testid=mine-${env.OPEN_PROGRAM}]`);
    check(true, 'pause shows Paused');
    await shot(page, '05-paused');
    await mine.locator('text=Resume').click();
    await page.waitForFunction((sel) => document.querySelector(sel + ' [data-testid=status]')?.textContent === 'Active', `[data-testid=mine-${env.OPEN_PROGRAM}]`);
    check(true, 'resume shows Active');

    const approvalCard = page.locator(`[data-testid=join-${env.APPROVAL_PROGRAM}]`);
    check((await approvalCard.textContent()).includes('Coordinator approval needed'), 'approval programs say so');
    await approvalCard.locator('button').click();
    await page.locator(`[data-testid=mine-${env.APPROVAL_PROGRAM}]`).waitFor();
    check((await page.locator(`[data-testid=mine-${env.APPROVAL_PROGRAM}] [data-testid=status]`).textContent()) === 'Waiting for approval', 'request waits for approval');
    await shot(page, '06-requested');

    await page.click('.host-header-button');
    check(await page.locator('#rhs').isHidden(), 'the header button hides the sidebar');
    await page.click('.host-header-button');
    check(await page.locator('#rhs').isVisible(), 'the header button shows it again');

    // The coordinator approves from the sidebar; the member's sidebar updates live.
    // The coordinator's cards live behind the Coordinator tab, which only
    // coordinators get.
    check(await page.locator('[data-testid=tab-coordinator]').count() === 0, 'a member who coordinates nothing has no Coordinator tab');
    const coord = await login(browser, env.COORDINATOR);
    await coord.page.waitForSelector('[data-testid=mentorship-rhs]');
    const coordCard = coord.page.locator(`[data-testid=coord-${env.APPROVAL_PROGRAM}]`);
    check(await coordCard.count() === 0, 'the coordinator card is not on the Mentoring tab');
    await coord.page.click('[data-testid=tab-coordinator]');
    await coordCard.waitFor();
    await coordCard.locator('[data-testid=coord-members-toggle]').click();
    const row = coord.page.locator(`[data-testid=member-${env.MEMBER}]`);
    await row.waitFor();
    check((await row.textContent()).includes('Waiting for approval'), 'coordinator sees the pending request');
    await shot(coord.page, '07-coordinator');
    await row.locator('text=Approve').click();
    await coord.page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('Active'), `[data-testid=member-${env.MEMBER}]`);
    check(true, 'approve turns the member active');
    await shot(coord.page, '08-approved');

    await page.waitForFunction((sel) => document.querySelector(sel + ' [data-testid=status]')?.textContent === 'Active',
        `[data-testid=mine-${env.APPROVAL_PROGRAM}]`, {timeout: 10000});
    check(true, "the member's sidebar refreshed from the server's WebSocket event");
    await shot(page, '09-live-update');
});
