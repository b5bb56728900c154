import createError from '@fastify/error';
import type { FastifyError, FastifyInstance } from 'fastify';

const UnsupportedMediaType = createError<[string]>('UNSUPPORTED_MEDIA_TYPE', '%s', 415);

export const yamlMediaTypes = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/**
 * Lets the routes of the calling plugin (encapsulated) take YAML wherever they take JSON, for documents
 * offices write by hand, and makes their 415 say so. parse turns the text into the value to validate
 * and throws the 400 for broken YAML.
 */
export function acceptYaml(app: FastifyInstance, parse: (text: string) => unknown): void {
  app.addContentTypeParser(yamlMediaTypes, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // Anything else goes on to the application's problem+json handler.
  app.setErrorHandler((error: FastifyError) => {
    if (error.code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw error;
    throw new UnsupportedMediaType(
      'Kiểu nội dung của yêu cầu không được hỗ trợ; hãy gửi application/json hoặc application/yaml ' + '(send application/json or application/yaml).',
    );
  });
}
