import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { Caller, type CallerContext } from '../../auth/caller-context';
import { Roles } from '../../auth/decorators/roles.decorator';
import { IdParam } from '../../platform/http/id-param';
import { renderAccountingHtml } from './accounting-html';
import { AccountingService } from './accounting.service';
import { AccountingDto, type AccountingFormat, AccountingQueryDto } from './dto/accounting.dto';
import { ApiProblems, ACCESS_PROBLEMS } from '../../platform/errors/api-problems';

/** The page may not run or load anything: inline styles only. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('cases')
@ApiProblems(ACCESS_PROBLEMS)
export class AccountingController {
  constructor(private readonly accounting: AccountingService) {}

  @Get(':caseId/accounting')
  @Roles('advocate')
  @ApiOperation({
    summary: "The survivor's accounting of disclosures for a case (advocates of the custodian agency), with inclusion proofs and a receipt; itself logged",
  })
  @ApiExtraModels(AccountingDto)
  @ApiOkResponse({
    description: 'JSON, or with format=html (or Accept: text/html) the same accounting as a printable page.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AccountingDto) } },
      'text/html': { schema: { type: 'string', description: 'A printable page, no scripts (Content-Security-Policy).' } },
    },
  })
  @ApiProblems(404, 422, 503)
  async accountingOf(
    @Caller() caller: CallerContext,
    @IdParam('caseId', 'case') caseId: string,
    @Query() query: AccountingQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountingDto | string> {
    const format: AccountingFormat = query.format ?? (request.accepts(['application/json', 'text/html']) === 'text/html' ? 'html' : 'json');
    const accounting = await this.accounting.produce(caller, caseId, format, query.since);
    response.setHeader('Cache-Control', 'no-store');
    if (format === 'json') return accounting;
    response.type('text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', HTML_POLICY);
    return renderAccountingHtml(accounting);
  }
}
