// A small HTTP client that keeps cookies like a browser, for page tests that need no rendering
// (refusals, sessions, resent forms): real HTTP against the listening service.

export interface PageResponse {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

export class WebClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string | string[]>; files?: FormData; headers?: Record<string, string> } = {},
  ): Promise<PageResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | FormData | undefined = init.files;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(init.form)) for (const v of [value].flat()) params.append(key, v);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(`${this.base}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.remember(response.headers);
    return { status: response.status, location: response.headers.get('location'), body: await response.text(), headers: response.headers };
  }

  /** GET a page and return the CSRF token and form nonce its forms carry. */
  async form(path: string): Promise<{ csrf: string; nonce: string | null; page: PageResponse }> {
    const page = await this.request(path);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!csrf) throw new Error(`no form on ${path} (${page.status})`);
    return { csrf, nonce: /name="lan" value="([^"]+)"/.exec(page.body)?.[1] ?? null, page };
  }

  /** Signs in with an invitation path (/moi/<code>); a link refused at once answers with its page. */
  async signIn(invitationPath: string): Promise<PageResponse> {
    const page = await this.request(invitationPath);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!csrf || page.status !== 200) return page;
    return this.request(invitationPath, { form: { _csrf: csrf } });
  }
}

/** Text of an HTML attribute as the browser reads it (Handlebars escapes & = ' " ` < >). */
export function unescapeHtml(value: string): string {
  return value.replace(
    /&(amp|lt|gt|quot|#x27|#x60|#x3D);/g,
    (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x60': '`', '#x3D': '=' })[name]!,
  );
}
