import { and, eq, sql } from "drizzle-orm";
import { type Executor, subtreePattern } from "@dm/db";
import { activities, activityFindings, activityInvitees, type Attachment, assignmentEvents, assignments, attachments, campaigns, committees, groupMembers, members, problemEvents, problems, supervisionGroups, tasks, tips, visits } from "@dm/db/schema";
import { can } from "./domain/roles";
import type { Viewer } from "./context";

/**
 * The attachment `id` if `viewer` may download it, else null (whether it does not exist or is
 * not theirs to see: callers answer both the same way). Who may read a file follows from what
 * owns it, with the same rules as the records themselves, checked in one query:
 *
 * - nothing yet (just uploaded): only its uploader;
 * - a campaign: everyone in the subtree of the committee that runs it (as `loadCampaign`);
 * - a task: its issuing committee, and committees with an assignment of it in their scope
 *   (as `task.byId`);
 * - a report on an assignment's timeline: whoever has the assignment's committee in scope
 *   (as `loadAssignment`);
 * - a visit's photo: staff with the dispatching committee in scope, and the members of the
 *   group (as `group.byId`);
 * - a problem, or a step on its timeline: staff with the problem's area or its raising
 *   committee in scope (as `loadProblem`);
 * - a public tip's photo: staff with the tip's area in scope (as the triage list), and those
 *   who may see the problem it became;
 * - an activity (its photos and record): staff with the organising committee in scope, and
 *   members who may join it (as `activity.byId` and `activity.view`);
 * - a member's finding on an activity: that member, and staff with the organising committee in
 *   scope.
 *
 * Only the attachment id comes from the client; the scope comes from the viewer's session.
 */
export async function readableAttachment(db: Executor, viewer: Viewer, id: number): Promise<Attachment | null> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const { scope, userId } = viewer;
  const inScope = subtreePattern(scope.path);

  const campaignReadable = sql`exists (
    select 1 from ${campaigns}
    join ${committees} on ${committees.id} = ${campaigns.committeeId}
    where ${campaigns.id} = ${attachments.ownerId} and ${scope.path} like ${committees.path} || '%')`;

  const taskReadable = sql`exists (
    select 1 from ${tasks}
    where ${tasks.id} = ${attachments.ownerId} and (
      ${tasks.committeeId} = ${scope.committeeId}
      or exists (
        select 1 from ${assignments}
        join ${committees} on ${committees.id} = ${assignments.committeeId}
        where ${assignments.taskId} = ${tasks.id} and ${committees.path} like ${inScope})))`;

  const eventReadable = sql`exists (
    select 1 from ${assignmentEvents}
    join ${assignments} on ${assignments.id} = ${assignmentEvents.assignmentId}
    join ${committees} on ${committees.id} = ${assignments.committeeId}
    where ${assignmentEvents.id} = ${attachments.ownerId} and ${committees.path} like ${inScope})`;

  const visitReadable = sql`exists (
    select 1 from ${visits}
    join ${supervisionGroups} on ${supervisionGroups.id} = ${visits.groupId}
    join ${committees} on ${committees.id} = ${supervisionGroups.committeeId}
    where ${visits.id} = ${attachments.ownerId} and (
      (${viewer.role} <> 'member' and ${committees.path} like ${inScope})
      or exists (
        select 1 from ${groupMembers}
        where ${groupMembers.groupId} = ${supervisionGroups.id} and ${groupMembers.memberId} = ${viewer.memberId ?? 0})))`;

  // As problemInScope: the area or the raiser lies in the viewer's subtree.
  const problemVisible = (problemId: unknown) => sql`exists (
    select 1 from ${problems}
    join ${committees} area on area.id = ${problems.committeeId}
    join ${committees} raiser on raiser.id = ${problems.raisingCommitteeId}
    where ${problems.id} = ${problemId} and (area.path like ${inScope} or raiser.path like ${inScope}))`;

  const seesProblems = can(viewer.role, "problem.read");
  const problemReadable = seesProblems ? problemVisible(attachments.ownerId) : sql`false`;

  const problemEventReadable = seesProblems
    ? sql`exists (select 1 from ${problemEvents} where ${problemEvents.id} = ${attachments.ownerId} and ${problemVisible(problemEvents.problemId)})`
    : sql`false`;

  const tipReadable = sql`exists (
    select 1 from ${tips}
    join ${committees} on ${committees.id} = ${tips.committeeId}
    where ${tips.id} = ${attachments.ownerId} and (
      ${can(viewer.role, "tip.triage") ? sql`${committees.path} like ${inScope}` : sql`false`}
      or (${tips.problemId} is not null and ${seesProblems ? problemVisible(tips.problemId) : sql`false`})))`;

  // Staff reach activities organised in their scope; a member those open to them (domain/activity.ts `mayJoin`).
  const staff = viewer.role !== "member";
  const memberId = viewer.memberId ?? 0;
  const activityReachable = staff
    ? sql`${committees.path} like ${inScope}`
    : sql`exists (
        select 1 from ${members} m join ${committees} mc on mc.id = m.committee_id
        where m.id = ${memberId} and m.active and (
          (${activities.audience} = 'committee' and ${activities.committeeId} = m.committee_id)
          or (${activities.audience} = 'subtree' and mc.path like ${committees.path} || '%')
          or (${activities.audience} = 'invited' and exists (
            select 1 from ${activityInvitees} where ${activityInvitees.activityId} = ${activities.id} and ${activityInvitees.memberId} = m.id))))`;

  const activityReadable = sql`exists (
    select 1 from ${activities}
    join ${committees} on ${committees.id} = ${activities.committeeId}
    where ${activities.id} = ${attachments.ownerId} and ${activityReachable})`;

  const findingReadable = sql`exists (
    select 1 from ${activityFindings}
    join ${activities} on ${activities.id} = ${activityFindings.activityId}
    join ${committees} on ${committees.id} = ${activities.committeeId}
    where ${activityFindings.id} = ${attachments.ownerId}
      and ${staff ? sql`${committees.path} like ${inScope}` : sql`${activityFindings.memberId} = ${memberId}`})`;

  const [row] = await db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.id, id),
        sql`case ${attachments.ownerType}
          when 'campaign' then ${campaignReadable}
          when 'task' then ${taskReadable}
          when 'assignment_event' then ${eventReadable}
          when 'visit' then ${visitReadable}
          when 'problem' then ${problemReadable}
          when 'problem_event' then ${problemEventReadable}
          when 'tip' then ${tipReadable}
          when 'activity' then ${activityReadable}
          when 'activity_finding' then ${findingReadable}
          else ${attachments.ownerType} is null and ${attachments.uploadedBy} = ${userId}
        end`,
      ),
    )
    .limit(1);
  return row ?? null;
}
