import type { Locale, SessionUser } from '@crm/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { Brand } from './brand';
import { LanguageSwitcher } from './language-switcher';

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** Frame of every signed-in screen: header with the user, language and sign-out; role navigation. */
export function AppShell({
  user,
  nav,
  userLinks = [],
  onLocaleChange,
  onLogout,
  children,
}: {
  user: SessionUser;
  nav: NavItem[];
  /** Links about the signed-in user themselves (their password), shown beside their name. */
  userLinks?: NavItem[];
  onLocaleChange: (locale: Locale) => void;
  onLogout: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <Brand />
        <div className="topbar-right">
          <LanguageSwitcher onChange={onLocaleChange} />
          <span className="who" data-testid="current-user">
            <strong>{user.displayName}</strong>
            <span className="muted">
              {' '}
              · {t(`roles.${user.role}`)}
              {user.teamName ? ` · ${user.teamName}` : ''}
            </span>
          </span>
          {userLinks.map((link) => (
            <Link key={link.to} to={link.to} className="button ghost">
              {link.label}
            </Link>
          ))}
          <button type="button" className="button ghost" onClick={onLogout}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label={t('shell.navigation')}>
        <ul>
          {nav.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end ?? true}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
