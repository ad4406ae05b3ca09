import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { ACCESS_PROBLEMS, ApiProblems } from '../platform/errors/api-problems';
import { IdParam } from '../platform/http/id-param';
import { EnrolmentCodeDto } from './dto/people.dto';
import { EnrolmentService } from './enrolment.service';

@ApiTags('people')
@ApiBearerAuth()
@Controller('agencies/:agencyId/principals/:principalId/enrolment-code')
@ApiProblems(ACCESS_PROBLEMS)
export class EnrolmentCodesController {
  constructor(private readonly enrolment: EnrolmentService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: "Issue a person's single-use enrolment code (replaces any unused one). Hand the link over in person or by phone; for an enrolled person it is a re-enrolment",
  })
  @ApiCreatedResponse({ type: EnrolmentCodeDto, description: 'The code is in this answer only; the server keeps its hash.' })
  @ApiProblems(404, 422)
  async issue(@IdParam('agencyId', 'agency') agencyId: string, @IdParam('principalId', 'principal') principalId: string, @Caller() caller: CallerContext): Promise<EnrolmentCodeDto> {
    const issued = await this.enrolment.issueCode(agencyId, principalId, caller.principal.id);
    return { code: issued.code, link: issued.link, expiresAt: issued.expiresAt.toISOString() };
  }
}
