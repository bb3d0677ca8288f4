// Drives the matching flows of the plugin's sidebar in Chromium against the real
// server, as the people involved would:
//  (a) self-serve: a mentee fills in the profile form (chips, autocomplete from
//      the program's vocabulary), saves, requests a suggested mentor; the mentor
//      accepts from "Waiting for your answer"; both sidebars show the pair with
//      its channel link, the mentee's without a reload (WebSocket event);
//  (b) batch: a coordinator runs a matching preview from the Coordinator tab
//      (coverage, pairs with reasons, the unmatched mentee and why), publishes it
//      after the confirmation step; a mentee's open sidebar shows the proposal.
// Run by browser_test.go, which seeds the programs and profiles through the API
// and passes: MENTEE, MENTOR, MENTOR_ID, SELF_PROGRAM (slug), SELF_PROGRAM_NAME,
// COORDINATOR, BATCH_PROGRAM (slug), BATCH_PROGRAM_NAME, PAIRS (the expected
// pairs as menteeId:mentee:mentor usernames, comma separated), UNMATCHED_ID,
// WATCHER and WATCHER_MENTOR (the first pair's usernames), plus BASE_URL, PASSWORD, OUT_DIR and
// PLAYWRIGHT_CORE. It then checks through the API what the server recorded.
const {env, check, shot, login, run, ready, dmPost} = require('./common.cjs');

const viewport = {width: 1100, height: 1000};
const tid = (id) => `[data-testid="${id}"]`;

// The terms shown as chips of one profile field (without their × buttons).
const chips = (page, field) => page.locator(`${tid(`profile-${field}-chips`)} ${tid('chip')}`)
    .evaluateAll((els) => els.map((e) => e.firstChild.textContent));

async function menteeProfile(page) {
    await page.click(tid('tab-profile'));
    await page.waitForSelector(tid('profile-form'));
    // Autocomplete offers what the program's members already wrote (the mentor's skill).
    await page.fill(tid('profile-skills_wanted-input'), 'publ');
    const option = page.locator(tid('profile-skills_wanted-option'), {hasText: 'Public speaking'});
    await option.waitFor();
    check(true, "typing a skill suggests the program's vocabulary");
    await option.click();
    await page.fill(tid('profile-skills_wanted-input'), 'Negotiation');
    await page.press(tid('profile-skills_wanted-input'), 'Enter');
    await page.fill(tid('profile-interests-input'), 'Hiking');
    await page.click(tid('profile-interests-add'));
    await page.fill(tid('profile-languages-input'), 'English');
    await page.press(tid('profile-languages-input'), 'Enter');
    await page.fill(tid('profile-bio'), 'Preparing my first conference talk.');
    check(JSON.stringify(await chips(page, 'skills_wanted')) === '["Public speaking","Negotiation"]',
        'a suggested term and a free-text term become chips');
    await shot(page, '20-profile-chips');
    await page.click(tid('profile-save'));
    await page.waitForSelector(tid('profile-saved'));
    check((await page.textContent(tid('profile-saved'))).includes('Profile saved'), 'saving the profile says so');
    await shot(page, '21-profile-saved');

    // What was saved comes back from the server after a reload.
    await page.reload();
    await ready(page);
    await page.click(tid('tab-profile'));
    await page.locator(`${tid('profile-languages-chips')} ${tid('chip')}`).waitFor();
    check(JSON.stringify(await chips(page, 'skills_wanted')) === '["Public speaking","Negotiation"]' &&
        JSON.stringify(await chips(page, 'interests')) === '["Hiking"]', 'the saved chips are loaded again after a reload');
}

// selfServe is part (a); it returns nothing, the Go test checks the server.
async function selfServe(browser) {
    const {page} = await login(browser, env.MENTEE, viewport);
    await ready(page);

    // The matches area's error state, then its retry.
    await page.route('**/plugins/mentorship/api/v1/matches', (route) =>
        route.fulfill({status: 500, contentType: 'application/json', body: '{"error":"matches store unavailable"}'}));
    await page.reload();
    await ready(page);
    const failed = page.locator('#rhs-body [role=alert]', {hasText: 'Could not load your matches'});
    await failed.waitFor();
    check((await failed.textContent()).includes('matches store unavailable'), "the matches area shows the server's error");
    await shot(page, '18-matches-error');
    await page.unroute('**/plugins/mentorship/api/v1/matches');
    await failed.locator('button', {hasText: 'Try again'}).click();
    await page.waitForSelector(tid('requests-to-me'));

    // Empty states of someone with no request and no match.
    check((await page.textContent(`${tid('requests-to-me')} ${tid('empty')}`)) === 'Nothing waits for your answer.', 'empty state: nothing waits for my answer');
    check((await page.textContent(`${tid('my-matches')} ${tid('empty')}`)) === 'No matches yet.', 'empty state: no matches yet');
    await shot(page, '19-empty');

    await menteeProfile(page);

    await page.click(tid('tab-mentoring'));
    const suggestion = page.locator(`${tid(`suggestions-${env.SELF_PROGRAM}`)} ${tid(`suggestion-${env.MENTOR_ID}`)}`);
    await suggestion.waitFor();
    check((await suggestion.locator(tid('username')).textContent()) === '@' + env.MENTOR, 'the suggested mentor is named');
    check((await suggestion.locator(tid('reasons')).textContent()).toLowerCase().includes('you want public speaking'),
        "the suggestion explains itself from the mentee's side, with the saved profile");
    check((await suggestion.locator(tid('suggestion-capacity')).textContent()) === '2 places free of 2', "the mentor's free capacity is shown");
    await shot(page, '22-suggestions');

    await suggestion.locator(tid(`suggestion-request-${env.MENTOR_ID}`)).click();
    await page.fill(tid(`suggestion-message-${env.MENTOR_ID}`), 'Could you help me prepare my first talk?');
    await shot(page, '23-request-message');
    await page.click(tid(`suggestion-send-${env.MENTOR_ID}`));
    await page.locator(tid('rhs-notice'), {hasText: `Your request was sent to @${env.MENTOR}`}).waitFor();
    const mine = page.locator(`${tid('requests-mine')} div[data-testid^="request-"]`);
    await mine.waitFor();
    check((await mine.textContent()).includes(`You asked @${env.MENTOR} to mentor you in ${env.SELF_PROGRAM_NAME}`), 'my request is listed under My requests');
    // The sidebar marks the mentor Requested; the server's next suggestions leave them out.
    await page.locator(tid(`suggestion-request-${env.MENTOR_ID}`)).waitFor({state: 'detached'});
    check(true, 'the asked mentor is offered no second Request button');
    await shot(page, '24-request-sent');
    const matchId = (await mine.getAttribute('data-testid')).slice('request-'.length);

    // The mentor, in their own browser context, answers from the sidebar.
    const mentor = await login(browser, env.MENTOR, viewport);
    await ready(mentor.page);
    const request = mentor.page.locator(`${tid('requests-to-me')} ${tid(`request-${matchId}`)}`);
    await request.waitFor();
    check((await request.textContent()).includes(`@${env.MENTEE} asks you to be their mentor in ${env.SELF_PROGRAM_NAME}`), 'the request appears under Waiting for your answer');
    check((await request.locator(tid('reasons')).textContent()).toLowerCase().includes('wants public speaking'), 'the request shows the reasons for the pair');
    check((await request.locator(tid('request-message')).textContent()) === 'Could you help me prepare my first talk?', "the request shows the mentee's message");
    const dm = dmPost(mentor.page, env.MENTEE, env.SELF_PROGRAM_NAME);
    await dm.first().waitFor();
    check(await dm.count() === 1 && await dm.locator('button', {hasText: 'Accept'}).isVisible(), 'the mentor also got the request as a DM with Accept');
    const dmId = await dm.getAttribute('data-post-id');
    await shot(mentor.page, '25-mentor-request');

    await mentor.page.click(tid(`match-accept-${matchId}`));
    const mentorCard = mentor.page.locator(`${tid('my-matches')} ${tid(`match-${matchId}`)}`);
    await mentorCard.waitFor();
    check((await mentorCard.textContent()).includes(`Your mentee: @${env.MENTEE}`) && (await mentorCard.locator(tid('match-status')).textContent()) === 'Active',
        "the mentor's My matches shows the active pair");
    const link = mentorCard.locator(tid(`match-channel-${matchId}`));
    await link.waitFor();
    const href = await link.getAttribute('href');
    check(/^\/[a-z0-9-]+\/channels\/[a-z0-9]{26}$/.test(href), `the pair's channel link points at a channel (${href})`);
    check((await mentor.page.textContent(`${tid('requests-to-me')} ${tid('empty')}`)) === 'Nothing waits for your answer.', 'the answered request left the list');
    // Answered in the sidebar, the request DM loses its buttons too.
    const answered = mentor.page.locator(`#dm-posts [data-post-id="${dmId}"]`, {hasText: 'are now a pair'});
    await answered.waitFor();
    check(await answered.locator('button').count() === 0, 'the request DM now says they are a pair, without buttons');
    await shot(mentor.page, '26-mentor-matched');

    // The mentee's page was left open: the WebSocket event refreshes it.
    const menteeCard = page.locator(`${tid('my-matches')} ${tid(`match-${matchId}`)}`);
    await menteeCard.locator(tid(`match-channel-${matchId}`)).waitFor({timeout: 15000});
    check(true, "the mentee's sidebar shows the match live, without a reload");
    check((await menteeCard.textContent()).includes(`Your mentor: @${env.MENTOR}`), 'the mentee sees their mentor');
    check(await menteeCard.locator(tid(`match-channel-${matchId}`)).getAttribute('href') === href, 'both people get the same channel link');
    check(await page.locator(tid('requests-mine')).count() === 0 && await page.locator(tid('suggestions')).count() === 0,
        'with a mentor, the mentee has no open request and no suggestions left');
    await shot(page, '27-mentee-matched-live');
    console.log('self-serve match: ' + matchId);
    await mentor.context.close();
    await page.context().close();
}

// batch is part (b).
async function batch(browser) {
    // A mentee of the program keeps their sidebar open during the publish.
    const watcher = await login(browser, env.WATCHER, viewport);
    await ready(watcher.page);
    check((await watcher.page.textContent(`${tid('requests-to-me')} ${tid('empty')}`)) === 'Nothing waits for your answer.', 'before the publish the mentee has nothing to answer');
    await shot(watcher.page, '28-mentee-before-publish');

    const {page} = await login(browser, env.COORDINATOR, viewport);
    await ready(page);
    await page.click(tid('tab-coordinator'));
    const card = page.locator(tid(`coord-${env.BATCH_PROGRAM}`));
    const panel = card.locator(tid('preview-panel'));
    // Someone who coordinates one program finds its matching open.
    await panel.waitFor();
    await card.locator(tid('coord-preview-toggle')).click();
    await panel.waitFor({state: 'detached'});
    check(true, 'the Matching toggle hides the preview');
    await card.locator(tid('coord-preview-toggle')).click();
    await panel.locator(tid('empty')).waitFor();
    check((await panel.locator(tid('empty')).textContent()).includes('No preview yet'), 'empty state: no preview yet');
    await shot(page, '29-coordinator-tab');

    await panel.locator(tid('preview-run')).click();
    await panel.locator(tid('preview-coverage')).waitFor();
    const pairs = env.PAIRS.split(',').map((p) => p.split(':'));
    check((await panel.locator(tid('preview-coverage')).textContent()).startsWith(`${pairs.length} of ${pairs.length + 1} mentees matched`), 'the preview shows its coverage');
    check(await panel.locator(tid('preview-optimal')).isVisible(), 'the preview says its result is optimal');
    for (const [menteeId, mentee, mentor] of pairs) {
        const pair = panel.locator(tid(`preview-pair-${menteeId}`));
        const names = await pair.locator(tid('username')).allTextContents();
        check(names.join(' with ') === `@${mentee} with @${mentor}` && await pair.locator(`${tid('reasons')} li`).count() > 0,
            `the pair @${mentee} with @${mentor} is shown with its reasons`);
    }
    const left = panel.locator(tid(`preview-unmatched-${env.UNMATCHED_ID}`));
    const why = (await left.textContent()).split(': ')[1] ?? '';
    check(['no mentor has a free place', 'the free places went to pairs that score higher', 'every possible pair scores below the minimum',
        'every mentor with a free place is excluded by a rule'].includes(why), `the unmatched mentee is listed with why (${why})`);
    await shot(page, '30-preview');

    await panel.locator(tid('preview-publish')).click();
    const confirm = panel.locator(tid('preview-confirm'));
    check((await confirm.textContent()).includes(`Send ${pairs.length} proposals to the people matched?`), 'publishing asks for confirmation first');
    await shot(page, '31-publish-confirm');
    await confirm.locator(tid('preview-publish-confirm')).click();
    await panel.locator(tid('preview-published')).waitFor();
    check(true, 'the publish is acknowledged');
    // The publish runs in the background; its end reaches the coordinator's page as an event.
    await panel.locator(tid('preview-status'), {hasText: `This preview was published: ${pairs.length} proposals sent, 0 skipped.`}).waitFor({timeout: 15000});
    check(await panel.locator(tid('preview-publish')).count() === 0, 'a published preview offers no second publish');
    await shot(page, '32-published');

    // The watching mentee's open sidebar gets the proposal live.
    const proposal = watcher.page.locator(`${tid('requests-to-me')} div[data-testid^="request-"]`);
    await proposal.waitFor({timeout: 15000});
    check((await proposal.textContent()).includes(`Proposed mentor in ${env.BATCH_PROGRAM_NAME}: @${env.WATCHER_MENTOR}`),
        "the proposal appears under the mentee's Waiting for your answer, live");
    check(await proposal.locator(`${tid('reasons')} li`).count() > 0, 'the proposal shows the reasons');
    await shot(watcher.page, '33-mentee-proposal');
    const id = (await proposal.getAttribute('data-testid')).slice('request-'.length);
    await proposal.locator(tid(`match-accept-${id}`)).click();
    const waiting = watcher.page.locator(`${tid('my-matches')} ${tid(`match-${id}`)}`);
    await waiting.waitFor();
    check((await waiting.textContent()).includes('You accepted; waiting for the other person.'), 'after accepting, the proposal waits for the mentor');
    await shot(watcher.page, '34-proposal-accepted');
    console.log('accepted proposal: ' + id);
}

run('matching', async (browser) => {
    await selfServe(browser);
    await batch(browser);
});
