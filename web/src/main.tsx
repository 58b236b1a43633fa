// Entry point: builds the API client for this page's base URL and cookie suffix, and mounts the app.
import { render } from 'preact';
import { createApiClient } from './api/api-client.js';
import { App } from './app.js';
import { cookieSuffix } from './lib/cookies.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/feedback.css';
import './styles/data-views.css';
import './styles/screens.css';
import './styles/control.css';
import './styles/webcam.css';

const api = createApiClient({
  baseUrl: document.baseURI,
  cookieSuffix: cookieSuffix(document),
  cookies: () => document.cookie,
});

render(<App api={api} />, document.getElementById('app') as HTMLElement);
