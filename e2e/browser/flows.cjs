// Drives the host page's command box, interactive dialog, bot DM panel and user
// switch in Chromium against the real server: a member asks to join an approval
// program through `/mentor join` and its dialog, the coordinator approves with
// the button in the bot's DM, the member sees the welcome arrive. Run by
// browser_test.go, which passes BASE_URL, MEMBER, STALE_MEMBER (whose request
// was already approved through the API), COORDINATOR, PASSWORD, PROGRAM_ID,
// PROGRAM_NAME, OUT_DIR and PLAYWRIGHT_CORE, and then checks through the API what
// the server did.
const {env, check, shot, login, run, ready, dmPost} = require('./common.cjs');

async function runCommand(page, command) {
    await page.fill('#command-input', command);
    await page.click('#command-form button[type=submit]');
}

run('flows', async (browser) => {
    const {page} = await login(browser, env.MEMBER, {width: 1100, height: 900});
    await ready(page);

    const unsafe = await page.evaluate(() => window.mmMarkdown.renderMarkdown('**b** <img src=x onerror=alert(1)> [x](javascript:alert(1))'));
    check(unsafe.includes('<strong>b</strong>') && !unsafe.includes('<img') && !unsafe.includes('href="javascript'),
        'message Markdown is rendered with HTML escaped and script links dropped');

    // Any slash command, with its Markdown reply.
    await runCommand(page, '/mentor help');
    const help = page.locator('[data-testid=command-reply]', {hasText: '/mentor help'});
    await help.locator('.md').waitFor();
    check((await help.locator('.md h4').textContent()).includes('what you can do here'), 'the reply heading is rendered');
    check(await help.locator('.md li code').count() >= 4, 'the reply lists commands as code');
    await shot(page, '10-command-help');

    // A bare /mentor join opens the join dialog through the open_dialog event.
    await runCommand(page, '/mentor join');
    await page.waitForSelector('#host-dialog');
    check((await page.textContent('#host-dialog-title')) === 'Join a program', 'the join dialog opens');
    await page.selectOption('#dialog-field-program_id', env.PROGRAM_ID);
    await page.selectOption('#dialog-field-role', 'mentor');
    await page.fill('#dialog-field-capacity', 'abc');
    await page.fill('#dialog-field-goals', 'Grow as a new team lead');
    await shot(page, '11-join-dialog');
    await page.click('#host-dialog button[type=submit]');
    await page.waitForFunction(() => document.getElementById('dialog-field-capacity-error')?.textContent !== '');
    check((await page.textContent('#dialog-field-capacity-error')).includes('whole number'), "the plugin's error is shown under the capacity field");
    check(await page.getAttribute('#dialog-field-capacity', 'aria-invalid') === 'true', 'the capacity field is marked invalid');
    await shot(page, '12-dialog-field-error');

    await page.fill('#dialog-field-capacity', '3');
    await page.click('#host-dialog button[type=submit]');
    await page.waitForSelector('#host-dialog', {state: 'detached'});
    check(true, 'the dialog closes when the plugin accepts the submission');
    const outcome = page.locator('[data-testid=ephemeral]', {hasText: env.PROGRAM_NAME});
    await outcome.waitFor();
    check((await outcome.textContent()).includes('was sent to its coordinators'), "the plugin's ephemeral answer appears under the commands");
    await dmPost(page, env.PROGRAM_NAME, 'waiting for a coordinator').waitFor();
    check(true, "the bot's DM about the pending request arrives live");
    await shot(page, '13-join-requested');

    // The coordinator approves with the button in the bot's DM.
    const coord = await login(browser, env.COORDINATOR, {width: 1100, height: 900});
    await ready(coord.page);
    const request = dmPost(coord.page, '@' + env.MEMBER, env.PROGRAM_NAME);
    await request.waitFor();
    const requestId = await request.getAttribute('data-post-id');
    check(await request.locator('button', {hasText: 'Approve'}).isVisible() && await request.locator('button', {hasText: 'Decline'}).isVisible(),
        'the coordinator sees the request with Approve and Decline');
    check((await request.textContent()).includes('Grow as a new team lead'), "the request shows the member's goals");
    await shot(coord.page, '14-coordinator-request');
    await request.locator('button', {hasText: 'Approve'}).click();
    const updated = coord.page.locator(`#dm-posts [data-post-id="${requestId}"]`, {hasText: 'was approved'});
    await updated.waitFor();
    check(await updated.locator('button').count() === 0, 'the request post is replaced by the decision, without buttons');

    // A request decided elsewhere (the REST API) leaves no live button behind:
    // the plugin replaced it with the decision.
    const decidedElsewhere = dmPost(coord.page, '@' + env.STALE_MEMBER, env.PROGRAM_NAME);
    await decidedElsewhere.waitFor();
    check((await decidedElsewhere.textContent()).includes('was approved') && await decidedElsewhere.locator('button').count() === 0,
        'a request decided through the API shows the decision, with no button left');
    await shot(coord.page, '15-approved');

    // The member's DM panel shows the welcome as it arrives.
    const welcome = dmPost(page, 'Welcome to ' + env.PROGRAM_NAME);
    await welcome.waitFor();
    check((await welcome.locator('strong').allTextContents()).includes('Your role:'), 'the welcome arrives live and renders its Markdown');
    check(await page.locator('[data-testid=ephemeral]', {hasText: 'what you can do here'}).count() === 0,
        'a command reply is shown once, not again when its ephemeral event arrives');
    await shot(page, '16-member-welcome');

    // One window can play both parts: switch the coordinator's page to the member.
    await coord.page.selectOption('#switch-user-name', env.MEMBER);
    await coord.page.fill('#switch-user-password', 'not-the-password');
    await coord.page.click('#switch-user button[type=submit]');
    await coord.page.waitForFunction(() => document.getElementById('switch-user-error').textContent !== '');
    check((await coord.page.textContent('#who')) === '@' + env.COORDINATOR, 'a wrong password keeps the current user');
    await coord.page.fill('#switch-user-password', env.PASSWORD);
    await Promise.all([coord.page.waitForNavigation(), coord.page.click('#switch-user button[type=submit]')]);
    await ready(coord.page);
    check((await coord.page.textContent('#who')) === '@' + env.MEMBER, 'switching user logs in as the member');
    await dmPost(coord.page, 'Welcome to ' + env.PROGRAM_NAME).waitFor();
    check(true, "after the switch the page shows the member's DMs");
    await shot(coord.page, '17-switched-user');
});
