import type { Feature } from '../../app/extensions';

/** Groups and users: members, parent and child teams, and what a team owns. */
export const orgFeature: Feature = {
  id: 'org',
};
