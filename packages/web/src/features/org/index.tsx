import { lazy } from 'react';
import { isKind, type Feature } from '../../app/extensions';

const GroupProfileCard = lazy(() => import('./ProfileCard').then((m) => ({ default: m.GroupProfileCard })));
const UserProfileCard = lazy(() => import('./ProfileCard').then((m) => ({ default: m.UserProfileCard })));
const MembersCard = lazy(() => import('./MembersCard'));
const OwnedEntitiesCard = lazy(() => import('./OwnedEntitiesCard'));

/** Groups and users: members, parent and child teams, and what a team owns. */
export const orgFeature: Feature = {
  id: 'org',
  entityCards: [
    { id: 'group-profile', order: 10, width: 6, appliesTo: isKind('group'), component: GroupProfileCard },
    { id: 'group-members', order: 20, width: 6, appliesTo: isKind('group'), component: MembersCard },
    { id: 'user-profile', order: 10, width: 6, appliesTo: isKind('user'), component: UserProfileCard },
    { id: 'owned-entities', order: 40, width: 12, appliesTo: isKind('group'), component: OwnedEntitiesCard },
    { id: 'user-owned-entities', order: 40, width: 6, appliesTo: isKind('user'), component: OwnedEntitiesCard },
  ],
};
