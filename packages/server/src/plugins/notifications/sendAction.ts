import { InputError } from '../../core/errors';
import type { CatalogApi } from '../catalog/extensions';
import type { TemplateAction } from '../scaffolder/extensions';
import { severities, type NotificationStore, type Severity } from './NotificationStore';
import { resolveRecipients } from './recipients';

interface SendInput {
  recipients: 'broadcast' | 'entity';
  entityRefs?: string[];
  title: string;
  info?: string;
  link?: string;
  severity?: Severity;
}

/** A link the bell may render: a path in the portal or an http(s) URL, never `javascript:` and the like. */
function checkLink(link: string): void {
  if (link.startsWith('/') && !link.startsWith('//')) return;
  try {
    const url = new URL(link);
    if (url.protocol === 'http:' || url.protocol === 'https:') return;
  } catch {
    // falls through to the error below
  }
  throw new InputError(`notification link "${link}" must be a portal path (/catalog/...) or an http(s) URL`);
}

/** Backstage's `notification:send`: an in-portal notification to users, groups' members, or everyone. */
export function createNotificationSendAction(services: {
  store: NotificationStore;
  catalog: () => CatalogApi | undefined;
}): TemplateAction<SendInput> {
  return {
    id: 'notification:send',
    description: 'Sends an in-portal notification (the bell in the header) to users, to members of groups, or to everyone.',
    schema: {
      input: {
        type: 'object',
        required: ['recipients', 'title'],
        properties: {
          recipients: { type: 'string', enum: ['broadcast', 'entity'], title: 'broadcast (every user) or entity (entityRefs)' },
          entityRefs: {
            type: 'array',
            items: { type: 'string' },
            title: 'Users, groups (their members, sub-groups included) or owned entities (their owner)',
          },
          title: { type: 'string', minLength: 1, maxLength: 200, title: 'Title' },
          info: { type: 'string', maxLength: 2000, title: 'Description' },
          link: { type: 'string', title: 'Link: a portal path or an http(s) URL' },
          severity: { type: 'string', enum: [...severities], title: 'Severity (default normal)' },
        },
      },
      output: { type: 'object', properties: { recipients: { type: 'number', title: 'Number of users notified (1 for a broadcast)' } } },
    },
    examples: [
      {
        description: 'Tell the owning team that their service was created',
        example:
          'steps:\n  - id: notify\n    action: notification:send\n    input:\n      recipients: entity\n      entityRefs: [${{ parameters.owner }}]\n      title: ${{ parameters.name }} was created\n      link: /catalog/default/component/${{ parameters.name }}\n',
      },
    ],
    async handler(ctx) {
      const { recipients, entityRefs = [], title, info, link, severity = 'normal' } = ctx.input;
      if (link) checkLink(link);
      let userRefs: string[] | 'broadcast' = 'broadcast';
      if (recipients === 'entity') {
        if (entityRefs.length === 0) throw new InputError('notification:send with recipients "entity" needs entityRefs');
        const catalog = services.catalog();
        if (!catalog) throw new Error('The catalog is not running; notification recipients cannot be resolved');
        userRefs = await resolveRecipients(catalog, entityRefs);
        if (userRefs.length === 0) ctx.logger.warn(`No users found for ${entityRefs.join(', ')}; nobody was notified`);
      }
      const count = await services.store.send(userRefs, {
        title,
        description: info,
        link,
        severity,
        origin: ctx.templateInfo.entityRef ?? 'scaffolder',
      });
      ctx.logger.info(userRefs === 'broadcast' ? `Broadcast "${title}" to every user` : `Notified ${userRefs.join(', ') || 'nobody'}`);
      ctx.output('recipients', count);
    },
  };
}
